import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const compiled = new Map<string, ValidateFunction>();

export type FormCheck = { ok: true } | { ok: false; problems: string[] };

/** Checks a person's task data against the step's form (JSON Schema 2020-12); compiled once per schema. */
export function validateForm(form: unknown, data: unknown): FormCheck {
  if (form === undefined || form === null) return { ok: true };
  const key = JSON.stringify(form);
  let validate = compiled.get(key);
  if (validate === undefined) {
    try {
      validate = ajv.compile(form as object);
    } catch (error) {
      return { ok: false, problems: [`the step's form is not a valid JSON Schema: ${(error as Error).message}`] };
    }
    compiled.set(key, validate);
  }
  if (validate(data)) return { ok: true };
  return { ok: false, problems: (validate.errors ?? []).map((e) => `${e.instancePath === '' ? '(form)' : e.instancePath} ${e.message ?? 'is invalid'}`) };
}
