namespace Outreach.Telephony.Rest;

/// <summary>Links the ambient <see cref="TwilioRequestScope"/> token to each request and records Retry-After.</summary>
internal sealed class TwilioRequestScopeHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var scope = TwilioRequestScope.Current;
        if (scope is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, scope.CancellationToken);
        var response = await base.SendAsync(request, linked.Token);
        scope.RetryAfter = RetryAfterOf(response, time.GetUtcNow());
        return response;
    }

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date && date > now ? date - now : null;
    }
}
