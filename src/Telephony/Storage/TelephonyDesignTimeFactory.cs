using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Outreach.Storage;

namespace Outreach.Telephony.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
internal sealed class TelephonyDesignTimeFactory : IDesignTimeDbContextFactory<TelephonyDbContext>
{
    public TelephonyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TelephonyDbContext>();
        OutreachDatabase.Configure(builder, OutreachDatabase.DesignTime(args), "telephony");
        return new TelephonyDbContext(builder.Options);
    }
}
