namespace Outreach.Telephony.Rest;

/// <summary>
/// Carries what the Twilio SDK cannot: the caller's cancellation token down to the HTTP handler, and the
/// Retry-After of the last response back up to the caller. The SDK's async methods take no token.
/// </summary>
internal sealed class TwilioRequestScope : IDisposable
{
    private static readonly AsyncLocal<TwilioRequestScope?> Ambient = new();
    private readonly TwilioRequestScope? previous;

    private TwilioRequestScope(CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
        previous = Ambient.Value;
        Ambient.Value = this;
    }

    public static TwilioRequestScope? Current => Ambient.Value;

    public CancellationToken CancellationToken { get; }

    /// <summary>The Retry-After of the last response seen in this scope, if it carried one.</summary>
    public TimeSpan? RetryAfter { get; set; }

    public static TwilioRequestScope Begin(CancellationToken cancellationToken) => new(cancellationToken);

    public void Dispose() => Ambient.Value = previous;
}
