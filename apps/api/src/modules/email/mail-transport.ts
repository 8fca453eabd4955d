/**
 * The SMTP transport (nodemailer) for SMTP_URL, e.g. smtp://user:pass@mail.example.com:587 or
 * smtps://…:465. The URL may carry credentials: it is never logged or returned.
 */
import nodemailer, { type Transporter } from "nodemailer";

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

/** `from` is the sender of every email: config.mailFrom (PRIVET_MAIL_FROM). */
export function createMailTransport(smtpUrl: string, from: string): MailTransport {
  const transporter: Transporter = nodemailer.createTransport(smtpUrl);
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
