// Saves a file the backend produced (secret file, diagnostics zip) through the browser.
export function downloadFile(fileName: string, content: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Opens a PDF in the system's print dialog from a hidden frame, for a till with no printer
 * chosen: the cashier prints at once instead of finding the download. Where the browser cannot
 * print a PDF from a frame (no PDF viewer), nothing shows and the downloaded copy remains.
 */
export function printPdf(content: BlobPart) {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/pdf' }));
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.setAttribute('aria-hidden', 'true');
  // The keyboard stays the till's: focus goes back where it was once the dialog is done.
  const focused = document.activeElement as HTMLElement | null;
  frame.onload = () => {
    try {
      frame.contentWindow?.print();
    } catch {
      // A frame the browser will not print from: the download stands in.
    }
    window.focus();
    focused?.focus();
  };
  frame.src = url;
  document.body.appendChild(frame);
  // The dialog holds the frame while it is open; a minute later it is long done with it.
  setTimeout(() => {
    frame.remove();
    URL.revokeObjectURL(url);
  }, 60_000);
}
