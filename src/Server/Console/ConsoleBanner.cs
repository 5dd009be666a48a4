using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Outreach.Server.Accounts;

namespace Outreach.Server.StaffConsole;

/// <summary>Prints where the console is and, on the start that created it, the first street admin's generated password.</summary>
public sealed class ConsoleBanner(IHostApplicationLifetime lifetime, IServer server, FirstAdminAccount firstAdmin) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        var text = $"  Staff console     {address}/   (sign in as {firstAdmin.AdminEmail})";
        if (firstAdmin.GeneratedPassword is not null)
        {
            text += Environment.NewLine
                + $"  Admin password    {firstAdmin.GeneratedPassword}   (generated now and shown only this once; set Outreach:AdminPassword to choose your own)";
        }

        // The console, not the log: a generated password must not end up in log storage.
        System.Console.WriteLine(text + Environment.NewLine);
    }
}
