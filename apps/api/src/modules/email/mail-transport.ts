/**
 * The SMTP transport (nodemailer) for SMTP_URL, e.g. smtp://user:pass@mail.example.com:587 or
 * smtps://…:465. The URL may carry credentials: it is never logged or returned.
 */
import nodemailer, { type Transporter } from "nodemailer";

/** The sender of every email; PRIVET_MAIL_FROM overrides it. */
export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.PRIVET_MAIL_FROM?.trim() || "Privet <no-reply@privet.localhost>";
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly headers: Record<string, string>;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createMailTransport(smtpUrl: string): MailTransport {
  const transporter: Transporter = nodemailer.createTransport(smtpUrl);
  const from = mailFrom();
  return {
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        headers: message.headers,
      });
    },
    close: () => transporter.close(),
  };
}
