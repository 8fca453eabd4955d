import { StaffSignInDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { ErrorNotice } from "@privet/ui/states";
import type { FormEvent } from "react";
import { useMutation } from "urql";
import { useStaffSession } from "../session.js";

export function SignInPage() {
  const { refresh } = useStaffSession();
  const [result, signIn] = useMutation(StaffSignInDocument);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = await signIn({
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
    });
    if (!outcome.error) refresh();
  };
  return (
    <>
      <h1>Staff sign-in</h1>
      <form onSubmit={submit} noValidate>
        <Field label="Email address" name="email" type="email" autoComplete="username" required />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {result.error && <ErrorNotice>{formErrorOf(result.error)?.message}</ErrorNotice>}
        <button type="submit" disabled={result.fetching}>
          Sign in
        </button>
      </form>
    </>
  );
}
