/** `npm run generate:members`: rewrites common/cube-members.generated.ts from the compiled model. */
import { writeFileSync } from 'node:fs';
import { MEMBERS_MODULE, membersModule } from './members-module.ts';

writeFileSync(MEMBERS_MODULE, await membersModule());
console.log(`wrote ${MEMBERS_MODULE}`);
