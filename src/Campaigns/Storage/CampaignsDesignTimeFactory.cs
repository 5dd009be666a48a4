using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Outreach.Storage;

namespace Outreach.Campaigns.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
internal sealed class CampaignsDesignTimeFactory : IDesignTimeDbContextFactory<CampaignsDbContext>
{
    public CampaignsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<CampaignsDbContext>();
        OutreachDatabase.Configure(builder, OutreachDatabase.DesignTime(args), "campaigns");
        return new CampaignsDbContext(builder.Options);
    }
}
