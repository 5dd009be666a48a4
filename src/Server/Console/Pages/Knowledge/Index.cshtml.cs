using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Agent.Knowledge;
using Outreach.Residents.Storage;
using Outreach.Server.Security;
using Outreach.Server.StaffConsole.Localization;

namespace Outreach.Server.StaffConsole.Pages.Knowledge;

/// <summary>The knowledge documents the caller may read: their communities' and their street's.</summary>
public sealed class KnowledgeModel(KnowledgeDocuments documents, ResidentsDbContext archive, ConsoleText text) : PageModel
{
    public IReadOnlyList<KnowledgeDocument> Documents { get; private set; } = [];

    public IReadOnlyDictionary<int, string> CommunityNames { get; private set; } = new Dictionary<int, string>();

    /// <summary>Auditors read only.</summary>
    public bool MayWrite => !User.IsInRole(StaffRoles.Auditor);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Documents = await documents.ListAsync(null, null, cancellationToken);
        CommunityNames = await archive.Communities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
    }

    public string AppliesTo(KnowledgeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.CommunityId is { } community ? CommunityNames.GetValueOrDefault(community, "#" + community) : text["WholeStreet"];
    }
}
