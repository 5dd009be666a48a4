using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Server.Accounts;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.Server.Tests.Accounts;

/// <summary>The accounts schema migrated into a real SQLite file, with Identity wired as the server wires it.</summary>
public sealed class AccountsDatabase : IAsyncDisposable
{
    private readonly TestDatabase database = new();

    public AccountsDatabase(string? adminPassword = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddDbContext<AccountsDbContext>(options => OutreachDatabase.Configure(options, database.Options, "accounts"));
        services.AddIdentityCore<StaffUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        services.AddScoped<IntegrationApiKeys>();
        services.AddScoped<StaffAuditLog>();
        services.AddSingleton(Options.Create(new AccountsOptions { AdminEmail = "first@outreach.test", AdminPassword = adminPassword }));
        services.AddSingleton<FirstAdminAccount>();
        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public FirstAdminAccount FirstAdmin => Services.GetRequiredService<FirstAdminAccount>();

    /// <summary>Runs the accounts migration (schema, roles, first admin), as the host does at start.</summary>
    public Task MigrateAsync() => FirstAdmin.MigrateAsync(Services, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        database.Dispose();
    }
}
