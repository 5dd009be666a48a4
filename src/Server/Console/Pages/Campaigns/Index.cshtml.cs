using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Storage;

namespace Outreach.Server.StaffConsole.Pages.Campaigns;

public sealed class CampaignsModel(CampaignsDbContext db) : PageModel
{
    public IReadOnlyList<Campaign> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
        => Rows = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Id).Take(200).ToListAsync(cancellationToken);
}
