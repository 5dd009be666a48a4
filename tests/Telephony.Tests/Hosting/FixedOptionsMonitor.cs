using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Tests.Hosting;

/// <summary>Options that never change, for the types tested without a host.</summary>
public sealed class FixedOptionsMonitor(TwilioOptions value) : IOptionsMonitor<TwilioOptions>
{
    public TwilioOptions CurrentValue => value;

    public TwilioOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<TwilioOptions, string?> listener) => null;
}
