using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Outreach.Storage;

namespace Outreach.Server.Accounts;

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
internal sealed class AccountsDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AccountsDbContext>();
        OutreachDatabase.Configure(builder, OutreachDatabase.DesignTime(args), "accounts");
        return new AccountsDbContext(builder.Options);
    }
}
