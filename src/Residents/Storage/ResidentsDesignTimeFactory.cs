using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Outreach.Storage;

namespace Outreach.Residents.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
internal sealed class ResidentsDesignTimeFactory : IDesignTimeDbContextFactory<ResidentsDbContext>
{
    public ResidentsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ResidentsDbContext>();
        OutreachDatabase.Configure(builder, OutreachDatabase.DesignTime(args), "residents");
        return new ResidentsDbContext(builder.Options);
    }
}
