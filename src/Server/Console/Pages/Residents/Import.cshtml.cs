using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Residents.Import;
using Outreach.Server.Accounts;
using Outreach.Server.StaffConsole.ArchiveImport;

namespace Outreach.Server.StaffConsole.Pages.Residents;

/// <summary>Upload an archive CSV; the import runs in the background and its page shows the progress.</summary>
public sealed class ImportModel(ConsoleImports imports, StaffAuditLog audit) : PageModel
{
    /// <summary>Larger archives go through the API.</summary>
    private const long MaxUpload = 50 * 1024 * 1024;

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > MaxUpload)
        {
            Error = "Choose a CSV file (up to 50 MB).";
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        try
        {
            var import = await imports.StartAsync(buffer.ToArray(), file.FileName, User.Identity?.Name, cancellationToken);
            await audit.RecordAsync("imported_residents", $"import {import.Id}", file.FileName, cancellationToken);
            return Redirect($"/residents/import/{import.Id}");
        }
        catch (ResidentImportFileException ex)
        {
            Error = ex.Message;
            return Page();
        }
    }
}
