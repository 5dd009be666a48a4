namespace Outreach.EndToEnd;

/// <summary>Assertions over what the Twilio emulator received, per recipient.</summary>
public static class ContactAssert
{
    /// <summary>Fails naming the first few residents contacted twice or missed.</summary>
    public static void EachExactlyOnce(IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var twice = received.Where(p => p.Value.Count > 1).Select(p => $"{p.Key}×{p.Value.Count}").ToList();
        var missed = received.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList();
        Assert.True(twice.Count == 0 && missed.Count == 0,
            $"{twice.Count} of {received.Count} contacted more than once ({string.Join(", ", twice.Take(5))}), {missed.Count} missed ({string.Join(", ", missed.Take(5))})");
    }
}
