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
	): { compiler: { compile(): Promise<void> }; metaTransformer: { cubes: MetaCube[] } };
};

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
	const files = modelFiles(dir);
	const { compiler, metaTransformer } = prepareCompiler({ localPath: () => dir, dataSchemaFiles: async () => files }, {});
	await compiler.compile();
	return metaTransformer.cubes;
}
