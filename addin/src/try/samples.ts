// The sample inbox of the /try/ page, from samples.json (which says where each came from).
import file from "./samples.json";
import type { StandInItem } from "../office-standin/office-standin";
import { textToHtml } from "./html-text";

/** An email in the page's inbox, in plain text as a person reads it. */
export interface InboxEmail {
  key: string;
  subject: string;
  from: { name: string; email: string };
  body: string;
}

export const SAMPLES: readonly InboxEmail[] = file.emails.map((e) => ({ key: e.id, subject: e.subject, from: e.from, body: e.body }));

/** The email as Outlook would give it to the pane: a received message with an HTML body. */
export function toItem(email: InboxEmail): StandInItem {
  return {
    mode: "read",
    subject: email.subject,
    body: textToHtml(email.body),
    from: { displayName: email.from.name, emailAddress: email.from.email },
    conversationId: `try-${email.key}`,
  };
}
