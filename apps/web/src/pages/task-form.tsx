import { forwardRef } from 'react';
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import classes from './task-form.module.css';

/** Pure; the task's form as a JSON Schema object with fields, or null when it asks for nothing. */
export function formSchemaOf(form: unknown): RJSFSchema | null {
  if (form === null || typeof form !== 'object' || Array.isArray(form)) return null;
  const schema = form as RJSFSchema;
  const props = schema.properties;
  if (props === undefined || Object.keys(props).length === 0) return null;
  return { type: 'object', ...schema };
}

export interface TaskFormProps {
  schema: RJSFSchema;
  data: Record<string, unknown>;
  onChange(data: Record<string, unknown>): void;
  idPrefix: string;
}

/** The task's fields, generated from the step's JSON Schema (@rjsf); the decision buttons live outside it. */
export const TaskForm = forwardRef<Form, TaskFormProps>(function TaskForm({ schema, data, onChange, idPrefix }, ref) {
  return (
    <div className={classes.form}>
      <Form ref={ref} schema={schema} formData={data} validator={validator} idPrefix={idPrefix} showErrorList={false} liveValidate={false} noHtml5Validate
        onChange={(e) => onChange((e.formData ?? {}) as Record<string, unknown>)}>
        <></>
      </Form>
    </div>
  );
});
