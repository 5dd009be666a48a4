using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Access;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;

namespace Outreach.Server.StaffConsole.Pages.Residents;

/// <summary>Search the residents the caller may see, by name, phone or community.</summary>
public sealed class ResidentsModel(ResidentDirectory directory, ResidentsDbContext archive, ICommunityScopeAccessor scope) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Community { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public IReadOnlyList<Resident> Rows { get; private set; } = [];

    public IReadOnlyList<Community> Communities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(PageNumber, 1);
        var current = scope.Current;
        Communities = (await archive.Communities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken))
            .Where(c => current.Allows(c.Id)).ToList();

        var query = directory.Residents;
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var text = Query.Trim();
            query = query.Where(r => r.Name.Contains(text) || r.Phone.Contains(text) || (r.ExternalId != null && r.ExternalId == text));
        }

        if (Community is { } community)
        {
            query = query.Where(r => r.CommunityId == community);
        }

        Total = await query.CountAsync(cancellationToken);
        Rows = await query.Include(r => r.Community).OrderBy(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }
}
