// One way for every form to send, wait and show what went wrong: a problem for
// the whole form (shown in an alert above the button) and messages per field
// (shown under each input), from the server's problem+json or from checks made
// in the browser before sending.
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/fetch-json.ts';
import { describeProblem, fieldMessage } from './problem-text.ts';

export type FieldErrors = Partial<Record<string, string>>;

export interface SubmitState {
  submitting: boolean;
  /** The form-level message, in plain words; undefined when all is well. */
  formError: string | undefined;
  /** The problem behind formError, for screens that act on its code. */
  problem: ApiError | undefined;
  fieldErrors: FieldErrors;
  /**
   * Runs `action` unless a send is under way. Browser-side checks go first:
   * pass them as `checks` (field → message) and nothing is sent while any fails.
   */
  submit: (action: () => Promise<void>, checks?: FieldErrors) => Promise<void>;
  clearFieldError: (field: string) => void;
  /**
   * Props for a text input bound to `field`: its value, a change handler that
   * stores the new text and clears the field's message, and that message.
   */
  bind: (
    field: string,
    value: string,
    setValue: (value: string) => void,
  ) => { value: string; onChange: (event: { currentTarget: { value: string } }) => void; error: string | undefined };
  reset: () => void;
}

/**
 * `codeFields` names the field a problem code is about (weak_password →
 * password): its message then shows under that field instead of above the button.
 */
export function useSubmit(codeFields: Partial<Record<string, string>> = {}): SubmitState {
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<ApiError | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const busy = useRef(false);
  const codeFieldsRef = useRef(codeFields);
  codeFieldsRef.current = codeFields;

  const submit = useCallback(async (action: () => Promise<void>, checks: FieldErrors = {}) => {
    if (busy.current) return;
    const failed = Object.fromEntries(Object.entries(checks).filter(([, message]) => message !== undefined));
    if (Object.keys(failed).length > 0) {
      setFieldErrors(failed);
      setFormError(undefined);
      setProblem(undefined);
      focusFirstInvalid();
      return;
    }
    busy.current = true;
    setSubmitting(true);
    setFormError(undefined);
    setProblem(undefined);
    setFieldErrors({});
    try {
      await action();
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(0, 'unknown', 'Something went wrong in this page. Reload it and try again.');
      const fields: FieldErrors = {};
      for (const field of apiError.fieldErrors) {
        const name = field.path.split('.')[0] ?? field.path;
        fields[name] ??= fieldMessage(name, field.message);
      }
      const codeField = codeFieldsRef.current[apiError.code];
      if (codeField !== undefined) fields[codeField] ??= describeProblem(apiError);
      setFieldErrors(fields);
      setProblem(apiError);
      setFormError(codeField === undefined ? describeProblem(apiError) : undefined);
      if (Object.keys(fields).length > 0) focusFirstInvalid();
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }, []);

  const clearFieldError = useCallback((field: string) => {
    setFieldErrors((current) => {
      if (current[field] === undefined) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }, []);

  const bind = useCallback<SubmitState['bind']>(
    (field, value, setValue) => ({
      value,
      onChange: (event) => {
        setValue(event.currentTarget.value);
        clearFieldError(field);
      },
      error: fieldErrors[field],
    }),
    [clearFieldError, fieldErrors],
  );

  const reset = useCallback(() => {
    setFormError(undefined);
    setProblem(undefined);
    setFieldErrors({});
  }, []);

  return { submitting, formError, problem, fieldErrors, submit, clearFieldError, bind, reset };
}

/** After React has rendered the messages, put the cursor in the first field that has one. */
function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('main [aria-invalid="true"], form [aria-invalid="true"]');
    field?.focus();
  });
}
