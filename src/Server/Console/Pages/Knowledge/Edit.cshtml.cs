using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Knowledge;
using Outreach.Residents.Access;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;
using Outreach.Server.Accounts;
using Outreach.Server.Security;
using Outreach.Server.StaffConsole.Localization;

namespace Outreach.Server.StaffConsole.Pages.Knowledge;

/// <summary>
/// Writes or changes one knowledge document (markdown with a live preview) or deletes it, through the same
/// <see cref="KnowledgeDocuments"/> as /api/knowledge. Street-wide documents are read-only to community staff; auditors only read.
/// </summary>
public sealed class KnowledgeEditModel(
    KnowledgeDocuments documents, ResidentsDbContext archive, ICommunityScopeAccessor scope, StaffAuditLog audit, ConsoleText text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public DocumentInput Input { get; set; } = new();

    public bool ReadOnly { get; private set; }

    public IReadOnlyList<Community> Communities { get; private set; } = [];

    /// <summary>Only street admins write documents for the whole street.</summary>
    public bool MayChooseWholeStreet => scope.Current.IsUnrestricted;

    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            if (await documents.FindAsync(id, cancellationToken) is not { } document)
            {
                return NotFound();
            }

            Input = new DocumentInput { Title = document.Title, Markdown = document.Markdown, Language = document.Language, CommunityId = document.CommunityId };
            ReadOnly = !documents.CanChange(document);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = new KnowledgeDocumentRequest(Input.Title, Input.Markdown, Input.Language, null, Input.CommunityId);
        var change = Id is { } id ? await documents.ReplaceAsync(id, request, cancellationToken) : await documents.CreateAsync(request, cancellationToken);
        switch (change.Status)
        {
            case KnowledgeChangeStatus.Saved:
                await audit.RecordAsync(Id is null ? "created_knowledge_document" : "changed_knowledge_document", $"knowledge {change.Document!.Id}", change.Document.Title, cancellationToken);
                return Redirect("/knowledge");
            case KnowledgeChangeStatus.NotFound:
                return NotFound();
            case KnowledgeChangeStatus.ReadOnly:
                ReadOnly = true;
                break;
            default:
                Errors = change.Errors;
                break;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }

        var change = await documents.DeleteAsync(id, cancellationToken);
        if (change.Status == KnowledgeChangeStatus.NotFound)
        {
            return NotFound();
        }

        if (change.Status == KnowledgeChangeStatus.ReadOnly)
        {
            return Forbid();
        }

        await audit.RecordAsync("deleted_knowledge_document", $"knowledge {id}", change.Document!.Title, cancellationToken);
        return Redirect("/knowledge");
    }

    /// <summary>A field's error in the page's language; the service's own words when there is no translation for the field.</summary>
    public string Explain(string field, string[] messages)
    {
        var key = "DocumentError." + field;
        var translated = text[key];
        return translated == key ? string.Join(" ", messages) : translated;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        ReadOnly |= User.IsInRole(StaffRoles.Auditor);
        var all = await archive.Communities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        Communities = [.. all.Where(c => scope.Current.Allows(c.Id))];
    }

    public sealed class DocumentInput
    {
        public string Title { get; set; } = string.Empty;

        public string Markdown { get; set; } = string.Empty;

        public string Language { get; set; } = "zh-CN";

        public int? CommunityId { get; set; }
    }
}
