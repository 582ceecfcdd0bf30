import PDFDocument from 'pdfkit';

/** A one-page PDF made here with pdfkit: a title, a line naming the roles, and the procedure as a numbered list under "Procedure". */
export function procedurePdf(title: string, roles: string, steps: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(title).moveDown();
    doc.fontSize(11).text(`Roles: ${roles}.`).moveDown();
    doc.fontSize(14).text('Procedure').fontSize(11);
    steps.forEach((step, i) => doc.text(`${i + 1}. ${step}`));
    doc.end();
  });
}
