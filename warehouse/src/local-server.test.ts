import { describe, expect, it } from 'vitest';
import { remoteServersXml } from './cluster.ts';
import { type LocalPasswords, serverConfigXml, usersXml } from './local-server.ts';
import { DETAIL_SOURCE_CLUSTER } from './web-access.ts';

const passwords: LocalPasswords = {
	admin: 'a'.repeat(48),
	loader: 'l'.repeat(48),
	cube: 'c'.repeat(48),
	cubeBuild: 'b'.repeat(48),
	webReader: 'r'.repeat(48),
	webWriter: 'w'.repeat(48),
	detailSource: 's'.repeat(48),
};
const options = { name: 'x', stateDir: '/tmp', httpPort: 1, tcpPort: 2, interserverPort: 3, database: 'wh' };

/** The XML of one user (or profile) element of users.xml. */
const element = (xml: string, name: string) => xml.match(new RegExp(`<${name}>[\\s\\S]*?</${name}>`))?.[0] ?? '';

describe("the web app's users in users.xml", () => {
	const xml = usersXml(passwords, 'wh');
	const users = element(xml, 'users');
	it('confines the reader to the detail database, read-only, reading its Distributed tables as the source user', () => {
		expect(element(users, 'slmi_web_reader')).toContain('<allow_databases><database>wh_detail</database></allow_databases>');
		const profile = element(element(xml, 'profiles'), 'slmi_web_reader');
		expect(profile).toContain('<readonly>1</readonly>');
		expect(profile).toContain('<prefer_localhost_replica>0</prefer_localhost_replica>');
		expect(element(users, 'slmi_detail_source')).toContain('<allow_databases><database>wh</database></allow_databases>');
		expect(element(element(xml, 'profiles'), 'slmi_detail_source')).toContain('<readonly>1</readonly>');
	});
	it('confines the writer to the audit database, without DDL', () => {
		expect(element(users, 'slmi_web_writer')).toContain('<allow_databases><database>wh_audit</database></allow_databases>');
		expect(element(element(xml, 'profiles'), 'slmi_web_writer')).toContain('<allow_ddl>0</allow_ddl>');
	});
	it('holds no plain password', () => {
		for (const password of Object.values(passwords)) expect(xml).not.toContain(password);
	});
});

describe('the detail source cluster in config.xml', () => {
	it('is the server itself, logged in to as the source user, in the one <remote_servers>', () => {
		const alone = serverConfigXml('/d', options, passwords.detailSource);
		expect(alone.match(/<remote_servers>/g)).toHaveLength(1);
		const cluster = element(alone, DETAIL_SOURCE_CLUSTER);
		expect(cluster).toContain('<host>127.0.0.1</host><port>2</port><user>slmi_detail_source</user>');
		expect(cluster).toContain(`<password>${passwords.detailSource}</password><default_database>wh</default_database>`);
		// merged into the cluster test's own <remote_servers>
		const extra = remoteServersXml('shards', [[{ host: '127.0.0.1', port: 9 }]]);
		const merged = serverConfigXml('/d', { ...options, extraConfig: extra }, passwords.detailSource);
		expect(merged.match(/<remote_servers>/g)).toHaveLength(1);
		expect(element(merged, 'remote_servers')).toContain(`<${DETAIL_SOURCE_CLUSTER}>`);
		expect(element(merged, 'remote_servers')).toContain('<shards>');
	});
});
