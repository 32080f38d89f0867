import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { UsageError } from './command.js';

/** The report format of `--report FILE`, from its extension; another extension is a `UsageError`. */
export function reportFormatOf(command: string, file: string): ReportFormat {
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(extension)) return extension as ReportFormat;
  throw new UsageError(
    `${command}: --report ${file}: unknown format (accepted extensions: ${REPORT_FORMATS.map((f) => `.${f}`).join(', ')})`,
  );
}
