/** `npm run generate:web-reference`: rewrites web/src/lib/server/reference.generated.ts. */
import { writeFileSync } from 'node:fs';
import { WEB_REFERENCE_MODULE, webReferenceModule } from './web-reference.ts';

writeFileSync(WEB_REFERENCE_MODULE, webReferenceModule());
console.log(`wrote ${WEB_REFERENCE_MODULE}`);
