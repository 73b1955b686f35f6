// A real OpenID Connect provider (panva's oidc-provider) for Luukku's sign-in tests.
//
// Configured by the JSON in OIDC_PROVIDER_CONFIG (see tests/oidc/provider.py):
//   kind "hetu": like the Suomi.fi identification broker's test identification: the person types a
//     henkilötunnus, the ID token (RS256) carries it in `hetu_claim` with the acr value `acr`.
//   kind "password": like the county's identity provider: username and password from `accounts`,
//     whose claims (e.g. employee_id) go into the ID token.
// Listens on 127.0.0.1 on a free port and prints one JSON line {"issuer": ...} when ready.
import * as crypto from 'node:crypto';
import * as http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_PROVIDER_CONFIG);
const people = new Map(); // accountId -> claims, filled as people identify themselves

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, uid, fields, error) {
  const inputs = fields
    .map(([name, label, type]) => `<p><label for="${name}">${escape(label)}</label><br>`
      + `<input id="${name}" name="${name}" type="${type}" required autocomplete="off"></p>`)
    .join('');
  return `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>${escape(title)}</title></head>`
    + `<body><main><h1>${escape(title)}</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}`
    + `<form method="post" action="/interaction/${escape(uid)}">${inputs}`
    + '<button type="submit">Jatka</button></form></main></body></html>';
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function identify(form) {
  if (config.kind === 'hetu') {
    const hetu = (form.get('hetu') || '').trim().toUpperCase();
    if (!/^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]$/.test(hetu)) return undefined;
    // The broker gives each person a subject of its own; the henkilötunnus travels as a claim.
    const accountId = `fi-${crypto.createHash('sha256').update(hetu).digest('hex').slice(0, 24)}`;
    people.set(accountId, { [config.hetu_claim]: hetu });
    return accountId;
  }
  const account = config.accounts[form.get('username') || ''];
  if (!account || account.password !== form.get('password')) return undefined;
  people.set(account.claims.sub, account.claims);
  return account.claims.sub;
}

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: config.clients.map((client) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
      ...client,
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-1', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    scopes: ['openid', ...Object.keys(config.claims)],
    claims: { openid: ['sub'], ...config.claims },
    acrValues: config.acr ? [config.acr] : [],
    conformIdTokenClaims: false, // the claims go into the signed ID token, as the broker does
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    findAccount: (ctx, accountId) => (people.has(accountId)
      ? { accountId, claims: () => ({ sub: accountId, ...people.get(accountId) }) }
      : undefined),
  });
  const fields = config.kind === 'hetu'
    ? [['hetu', 'Henkilötunnus', 'text']]
    : [['username', 'Käyttäjätunnus', 'text'], ['password', 'Salasana', 'password']];
  const title = config.kind === 'hetu' ? 'Testitunnistaja' : 'Hyvinvointialueen kirjautuminen';

  provider.use(async (ctx, next) => {
    const match = ctx.path.match(/^\/interaction\/([\w-]+)$/);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.type = 'html';
    if (ctx.method === 'GET') {
      ctx.body = page(title, details.uid, fields);
      return undefined;
    }
    const accountId = identify(await readForm(ctx.req));
    if (!accountId) {
      ctx.status = 400;
      ctx.body = page(title, details.uid, fields, 'Tunnistus ei onnistunut.');
      return undefined;
    }
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const result = {
      login: { accountId, ...(config.acr ? { acr: config.acr } : {}) },
      consent: { grantId: await grant.save() },
    };
    ctx.status = 303;
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
    return undefined;
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
