// packages/sdk/README.md, "The first five minutes", step 2: a client.

// #region sample
import { Opencom } from '@opencom/sdk';

const opencom = new Opencom(); // or new Opencom({ apiKey, baseUrl, timeoutMs, maxRetries, fetch, userAgent })
const me = await opencom.me.get();
console.log(me.actorName, me.scopes);
// #endregion
