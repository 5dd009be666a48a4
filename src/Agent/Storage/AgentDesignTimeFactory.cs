using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Outreach.Storage;

namespace Outreach.Agent.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
internal sealed class AgentDesignTimeFactory : IDesignTimeDbContextFactory<AgentDbContext>
{
    public AgentDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AgentDbContext>();
        OutreachDatabase.Configure(builder, OutreachDatabase.DesignTime(args), "agent");
        return new AgentDbContext(builder.Options);
    }
}
