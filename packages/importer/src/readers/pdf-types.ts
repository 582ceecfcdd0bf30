/** A positioned run of text as pdf.js reports it (origin bottom-left, points). */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
}

export type PdfWorkerReply =
  | { ok: true; pages: PdfPage[]; title?: string }
  | { ok: false; code: 'encrypted-document' | 'corrupt-document'; message: string };
