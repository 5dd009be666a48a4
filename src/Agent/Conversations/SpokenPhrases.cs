using System.Buffers;

namespace Outreach.Agent.Conversations;

/// <summary>Cuts an answer into phrases a text-to-speech engine can start on: each ends at a sentence or clause mark.</summary>
public static class SpokenPhrases
{
    private static readonly SearchValues<char> Ends = SearchValues.Create("。！？；，.!?;,\n");

    /// <summary>The complete phrases at the start of <paramref name="text"/>, and where the unfinished rest begins.</summary>
    public static (IReadOnlyList<string> Phrases, int Unfinished) Complete(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var phrases = new List<string>();
        var start = 0;
        for (var end = text.AsSpan().IndexOfAny(Ends); end >= 0; end = text.AsSpan(start).IndexOfAny(Ends) is var next and >= 0 ? start + next : -1)
        {
            phrases.Add(text[start..(end + 1)]);
            start = end + 1;
        }

        return (phrases, start);
    }

    /// <summary>All of <paramref name="text"/> as phrases; the last may lack an end mark.</summary>
    public static IEnumerable<string> Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var (phrases, rest) = Complete(text);
        foreach (var phrase in phrases)
        {
            yield return phrase;
        }

        if (rest < text.Length)
        {
            yield return text[rest..];
        }
    }
}
