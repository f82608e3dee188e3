/**
 * The compiled model's metaConfig without a running server: what Cube's /meta is built from,
 * hidden members included (the gateway drops those from /meta). Tests use it to check that the
 * model declares every access rule (access.ts Catalog) and that a refactoring of the model keeps
 * its members.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MetaCube } from './access.ts';

const require = createRequire(import.meta.url);
const { prepareCompiler } = require('@cubejs-backend/schema-compiler') as {
	prepareCompiler(
		repository: { localPath(): string; dataSchemaFiles(): Promise<{ fileName: string; content: string }[]> },
		options: Record<string, unknown>,
	): {
		compiler: { compile(): Promise<void> };
		metaTransformer: { cubes: MetaCube[] };
		cubeEvaluator: { cubeFromPath(path: string): CompiledDefinition };
	};
};

/** A cube's or view's evaluated definition (the parts read here). */
interface CompiledDefinition {
	isView?: boolean;
	measures?: Record<string, { sql?: unknown }>;
	dimensions?: Record<string, { sql?: unknown }>;
}

export const MODEL_DIR = fileURLToPath(new URL('../model/', import.meta.url));

/** Every .js file under the model folder, with paths relative to it. */
function modelFiles(dir: string, prefix = ''): { fileName: string; content: string }[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const name = `${prefix}${entry.name}`;
		if (entry.isDirectory()) return modelFiles(`${dir}${entry.name}/`, `${name}/`);
		return entry.name.endsWith('.js') ? [{ fileName: name, content: readFileSync(`${dir}${entry.name}`, 'utf8') }] : [];
	});
}

export async function compiledMeta(dir: string = MODEL_DIR): Promise<MetaCube[]> {
	return (await compiledModel(dir)).cubes;
}

/**
 * The compiled model's metaConfig, and for every member of a view the cube member it includes
 * (`public_quick_win.progress` → `quick_win.progress`). Cube 0.33 builds a view's member from the
 * cube's with `sql: () => \`${quick_win.progress}\`` and copies its type, meta and description but
 * not its `format` or title; the alias lets the member contract give a view's member the format of
 * the member it is.
 */
export async function compiledModel(dir: string = MODEL_DIR): Promise<{ cubes: MetaCube[]; aliases: Record<string, string> }> {
	const files = modelFiles(dir);
	const { compiler, metaTransformer, cubeEvaluator } = prepareCompiler({ localPath: () => dir, dataSchemaFiles: async () => files }, {});
	await compiler.compile();
	const aliases: Record<string, string> = {};
	for (const { config } of metaTransformer.cubes) {
		const definition = cubeEvaluator.cubeFromPath(config.name);
		if (!definition.isView) continue;
		for (const members of [definition.measures ?? {}, definition.dimensions ?? {}]) {
			for (const [name, member] of Object.entries(members)) {
				const target = aliasOf(member.sql);
				if (target) aliases[`${config.name}.${name}`] = target;
			}
		}
	}
	return { cubes: metaTransformer.cubes, aliases };
}

/** The `cube.member` a view member's generated sql (`return \`${path.to.cube.member}\``) reads, if it is only that. */
function aliasOf(sql: unknown): string | null {
	if (typeof sql !== 'function') return null;
	const match = /return `\$\{([A-Za-z_][\w.]*)\}`;?\s*\}$/.exec(sql.toString().trim());
	return match?.[1] ? match[1].split('.').slice(-2).join('.') : null;
}
