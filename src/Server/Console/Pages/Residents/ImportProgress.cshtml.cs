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

        // The archive module writes the file (BOM, line, reason, the row under its own header) so both downloads match.
        using var csv = new MemoryStream();
        await imports.WriteRejectedRowsAsync(id, csv, cancellationToken);
        await audit.RecordAsync("exported_rejected_rows", $"import {id}", $"{Import.Rejected} rows", cancellationToken);
        return File(csv.ToArray(), "text/csv; charset=utf-8", $"import-{id}-rejected.csv");
    }
}
