using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Server.Security;
using Outreach.Storage;

namespace Outreach.Server.Accounts;

/// <summary>
/// Migrates the accounts schema, makes sure the three roles exist, and creates the first street admin when no
/// staff account exists yet — from Outreach:AdminEmail/AdminPassword, else with a generated password printed once.
/// It is a migration rather than a demo seed because a production start needs it too.
/// </summary>
public sealed class FirstAdminAccount(IOptions<AccountsOptions> options, ILogger<FirstAdminAccount> logger) : IDatabaseMigration
{
    private readonly DatabaseMigration<AccountsDbContext> schema = new();

    /// <summary>Set only on the start that generated it, so the banner can print it once.</summary>
    public string? GeneratedPassword { get; private set; }

    public string AdminEmail => options.Value.AdminEmail;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await schema.MigrateAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in IntegrationApiKeys.Roles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var password = options.Value.AdminPassword;
        if (string.IsNullOrEmpty(password))
        {
            // Upper, lower, digit and symbol so Identity's default rules accept it.
            password = "Ad-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y') + "9a";
            GeneratedPassword = password;
        }

        var admin = new StaffUser { UserName = AdminEmail, Email = AdminEmail, EmailConfirmed = true, DisplayName = "Street admin" };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, StaffRoles.StreetAdmin));
        logger.LogInformation("Created the first street-admin account {Email}", AdminEmail);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first street admin: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
