using Twilio.Base;
using Twilio.Exceptions;

namespace Outreach.Telephony.Rest;

/// <summary>Runs Twilio SDK calls with the caller's cancellation and turns expected failures into values.</summary>
internal static class TwilioApi
{
    /// <summary>A create call: the resource, or how it failed in the campaign engine's terms.</summary>
    public static async Task<(T? Resource, TwilioFailure? Failure)> CreateAsync<T>(Func<Task<T>> create, CancellationToken cancellationToken)
        where T : class
    {
        using var scope = TwilioRequestScope.Begin(cancellationToken);
        try
        {
            return (await create().WaitAsync(cancellationToken), null);
        }
        catch (TwilioException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, TwilioFailure.From(exception, scope.RetryAfter));
        }
    }

    /// <summary>A fetch by SID: null when Twilio does not know it.</summary>
    public static async Task<T?> FetchAsync<T>(Func<Task<T>> fetch, CancellationToken cancellationToken)
        where T : class
    {
        using var scope = TwilioRequestScope.Begin(cancellationToken);
        try
        {
            return await fetch().WaitAsync(cancellationToken);
        }
        catch (ApiException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The first page of a list, created at or after <paramref name="after"/>. Filtered here rather than with
    /// Twilio's date filters: a message or call still queued has no sent or start date yet.
    /// </summary>
    public static async Task<IReadOnlyList<TResult>> ReadRecentAsync<T, TResult>(
        Func<Task<ResourceSet<T>>> read, Func<T, DateTime?> created, DateTimeOffset after, Func<T, TResult> map, CancellationToken cancellationToken)
        where T : Resource
    {
        using var scope = TwilioRequestScope.Begin(cancellationToken);
        var resources = await read().WaitAsync(cancellationToken);

        // One page only: the SDK fetches further pages synchronously, and recent attempts to one number fit in one.
        resources.AutoPaging = false;
        return resources.Where(r => TwilioDates.AsUtc(created(r)) is not { } at || at >= after).Select(map).ToList();
    }
}
