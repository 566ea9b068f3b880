// Verifies each case of a JSON file with panva/jose and prints one line per case: "<name> ok <alg>" or
// "<name> fail <code>". Driven by IndependentJoseVerificationIT; never used by main code.
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const c of cases) {
  try {
    const jwks = createLocalJWKSet(JSON.parse(c.jwks));
    const { payload, protectedHeader } = await jwtVerify(c.token, jwks, {
      issuer: c.issuer,
      audience: c.audience,
      typ: 'at+jwt',
      algorithms: c.algorithms,
      requiredClaims: ['sub', 'jti', 'iat', 'exp'],
      currentDate: new Date(c.now * 1000),
    });
    console.log(`${c.name} ok ${protectedHeader.alg} ${payload.org_id}`);
  } catch (e) {
    console.log(`${c.name} fail ${e.code || e.name}`);
  }
}
