// Every example in the served OpenAPI document is checked against the zod schema it
// documents, so an example cannot drift from the contract: a component's examples are
// parsed by the schema registered under that id (zod's global registry, filled by
// .meta({ id })); "…Input" components are the request-side copies of the same schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from './support/app.ts';

interface SchemaObject {
  examples?: unknown[];
  [key: string]: unknown;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, SchemaObject> };
}

let t: TestApp;
let doc: OpenApiDocument;

beforeAll(async () => {
  t = await createTestApp({ seedDemo: false });
  const response = await t.app.inject({ url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  doc = response.json<OpenApiDocument>();
});
afterAll(async () => {
  await t?.close();
});

function schemaFor(component: string): z.core.$ZodType | undefined {
  const registered = z.globalRegistry._idmap;
  return registered.get(component) ?? registered.get(component.replace(/Input$/, ''));
}

/** JSON paths of every `examples` or `example` key in a part of the document. */
function exampleKeys(node: unknown, path: string, found: string[] = []): string[] {
  if (node === null || typeof node !== 'object') return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' || key === 'example') found.push(`${path}/${key}`);
    exampleKeys(value, `${path}/${key}`, found);
  }
  return found;
}

describe('OpenAPI examples', () => {
  it('document the assessment contract with examples', () => {
    const schemas = doc.components.schemas;
    expect(schemas.AssessmentRequestInput?.examples).toHaveLength(2);
    expect(schemas.AssessmentResponse?.examples?.length).toBeGreaterThanOrEqual(1);
    expect(schemas.Questionnaire?.examples?.length).toBeGreaterThanOrEqual(1);
    expect(schemas.StoredAssessment?.examples?.length).toBeGreaterThanOrEqual(1);
    // The two request examples: a straightforward case, and isotretinoin stopped recently.
    const requests = schemas.AssessmentRequestInput!.examples as Array<{ answers: { isotretinoin?: unknown } }>;
    expect(requests.map((request) => request.answers.isotretinoin)).toEqual([
      { status: 'never' },
      { status: 'stopped', lastDoseDate: expect.any(String) as unknown },
    ]);
    // The POST /api/v1/assessments operation points at them.
    const post = doc.paths['/api/v1/assessments']?.post as {
      requestBody: { content: { 'application/json': { schema: { $ref: string } } } };
      responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }>;
    };
    expect(post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/AssessmentRequestInput',
    );
    expect(post.responses['201']?.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/AssessmentResponse',
    );
  });

  it('parses every example in the document with the schema it belongs to', () => {
    const checked: string[] = [];
    const problems: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      if (schema.examples === undefined) continue;
      const zodSchema = schemaFor(name);
      if (zodSchema === undefined) {
        problems.push(`${name}: no zod schema registered under this id`);
        continue;
      }
      schema.examples.forEach((example, index) => {
        const parsed = z.safeParse(zodSchema, example);
        if (!parsed.success) problems.push(`${name} example ${index}: ${z.prettifyError(parsed.error)}`);
        // The response schema strips what it does not name: an example must not carry extra fields.
        else if (!name.endsWith('Input')) expect(parsed.data, `${name} example ${index}`).toEqual(example);
        checked.push(`${name}#${index}`);
      });
    }
    expect(problems).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining([
        'AssessmentRequestInput#0',
        'AssessmentRequestInput#1',
        'AssessmentResponse#0',
        'Questionnaire#0',
        'StoredAssessment#0',
      ]),
    );
  });

  it('puts examples only where this test can check them: on a named component', () => {
    const found = exampleKeys(doc, '');
    const onComponents = found.filter((path) => /^\/components\/schemas\/[^/]+\/examples$/.test(path));
    expect(found.filter((path) => !onComponents.includes(path))).toEqual([]);
  });
});
