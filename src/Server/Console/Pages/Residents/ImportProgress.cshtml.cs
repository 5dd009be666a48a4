using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Residents.Import;
using Outreach.Server.Accounts;
using Outreach.Server.StaffConsole.ArchiveImport;

namespace Outreach.Server.StaffConsole.Pages.Residents;

/// <summary>An import's progress (polled by the page as JSON) and its rejected rows as a CSV download.</summary>
public sealed class ImportProgressModel(ConsoleImports imports, StaffAuditLog audit) : PageModel
{
    public ResidentImport? Import { get; private set; }

    public int Percent => Import is null || Import.TotalRows == 0
        ? (Import?.Status == ResidentImportStatus.Completed ? 100 : 0)
        : (int)(100L * Import.ProcessedRows / Import.TotalRows);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Import = await imports.FindAsync(id, cancellationToken);
        return Import is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(int id, CancellationToken cancellationToken)
    {
        Import = await imports.FindAsync(id, cancellationToken);
        if (Import is null)
        {
            return NotFound();
        }

        return new JsonResult(new
        {
            status = Import.Status.ToString(),
            Import.TotalRows,
            Import.ProcessedRows,
            Import.Created,
            Import.Updated,
            Import.Rejected,
            Import.Error,
            percent = Percent,
        });
    }

    public async Task<IActionResult> OnGetRejectedAsync(int id, CancellationToken cancellationToken)
    {
        Import = await imports.FindAsync(id, cancellationToken);
        if (Import is null)
        {
            return NotFound();
        }

        // UTF-8 with BOM so Excel on a Chinese Windows opens the names correctly.
        var csv = new StringBuilder("line,reason,row\r\n");
        await foreach (var rejection in imports.RejectionsAsync(id).WithCancellation(cancellationToken))
        {
            csv.Append(rejection.Line.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvField(rejection.Reason)).Append(',')
                .Append(CsvField(rejection.Row)).Append("\r\n");
        }

        await audit.RecordAsync("exported_rejected_rows", $"import {id}", $"{Import.Rejected} rows", cancellationToken);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv", $"import-{id}-rejected.csv");
    }

    internal static string CsvField(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
