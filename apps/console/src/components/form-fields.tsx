/** Labelled form controls: every input has a visible label, its hint and its error tied to it for screen readers. */
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldFrame {
  label: string;
  hint?: string;
  /** A sentence shown under the control and announced with it. */
  problem?: string | null;
}

function describedBy(hintId: string, problemId: string, hint?: string, problem?: string | null) {
  return [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined;
}

function Frame({
  id,
  label,
  hint,
  problem,
  required,
  children,
}: FieldFrame & { id: string; required?: boolean; children: ReactNode }) {
  return (
    <div className="field">
      <div className="label-line">
        <label htmlFor={id}>{label}</label>
        {/* Outside the label, so the field's accessible name is the label alone; `required` is announced. */}
        {required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p className="problem" id={`${id}-problem`}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  problem,
  id,
  ...input
}: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Frame id={fieldId} label={label} hint={hint} problem={problem} required={input.required}>
      <input
        id={fieldId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(`${fieldId}-hint`, `${fieldId}-problem`, hint, problem)}
        {...input}
      />
    </Frame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled select. The choices come as `options` (after an optional empty `placeholder` choice, such as
 * "choose…" or "all"), or as `children` when a screen needs markup of its own.
 */
export function SelectField({
  label,
  hint,
  problem,
  id,
  options,
  placeholder,
  children,
  ...select
}: FieldFrame &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options?: readonly SelectOption[];
    placeholder?: string;
    children?: ReactNode;
  }) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Frame id={fieldId} label={label} hint={hint} problem={problem} required={select.required}>
      <select
        id={fieldId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(`${fieldId}-hint`, `${fieldId}-problem`, hint, problem)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
    </Frame>
  );
}

export function TextAreaField({
  label,
  hint,
  problem,
  id,
  ...area
}: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Frame id={fieldId} label={label} hint={hint} problem={problem} required={area.required}>
      <textarea
        id={fieldId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(`${fieldId}-hint`, `${fieldId}-problem`, hint, problem)}
        {...area}
      />
    </Frame>
  );
}

export function CheckboxField({
  label,
  id,
  ...input
}: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <div className="checkbox">
      <input type="checkbox" id={fieldId} {...input} />
      <label htmlFor={fieldId}>{label}</label>
    </div>
  );
}
