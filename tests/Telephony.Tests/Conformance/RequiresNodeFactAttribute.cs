namespace Outreach.Telephony.Tests.Conformance;

/// <summary>A fact that is skipped, with the reason shown, on a machine without node and npx.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresNodeFactAttribute : FactAttribute
{
    public RequiresNodeFactAttribute()
    {
        if (PrismServer.MissingNode() is { } reason)
        {
            Skip = reason;
        }
    }
}
