using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace Outreach.Telephony.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
internal sealed class TelephonyDesignTimeFactory : IDesignTimeDbContextFactory<TelephonyDbContext>
{
    public TelephonyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TelephonyDbContext>();
        TelephonyDatabase.Configure(builder, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = "Data Source=design-time.db" }).Build());
        return new TelephonyDbContext(builder.Options);
    }
}
