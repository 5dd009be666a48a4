namespace Outreach.Server.Startup;

/// <summary>Set once the databases are migrated and seeded; /health reports it.</summary>
public sealed class ReadinessState
{
    private volatile bool ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}
