using System.Text;

namespace Outreach.Agent.Providers;

/// <summary>
/// Last check on a model's reply before a resident sees it: it must not repeat the system prompt, and every phone-like
/// number in it must come from the notice, the resident's own record or a retrieved passage. A reply that fails is
/// replaced by the offline agent's.
/// </summary>
public static class ReplyGuard
{
    private const int MinimumLeakLength = 16;
    private const int PhoneDigits = 7;

    /// <summary>Null when the reply is safe to send, else why not.</summary>
    public static string? Check(string reply, string systemPrompt, IEnumerable<string> grounding)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(systemPrompt);
        if (string.IsNullOrWhiteSpace(reply))
        {
            return "empty reply";
        }

        var folded = reply.Normalize(NormalizationForm.FormKC);
        foreach (var line in systemPrompt.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Only the rules: the notice lines below them are public and may be quoted.
            if (line.Length >= MinimumLeakLength && !line.Contains(':', StringComparison.Ordinal) && !line.Contains('：', StringComparison.Ordinal)
                && folded.Contains(line[..MinimumLeakLength], StringComparison.Ordinal))
            {
                return "repeats the system prompt";
            }
        }

        var allowed = string.Concat(string.Join('|', grounding).Normalize(NormalizationForm.FormKC).Where(c => char.IsAsciiDigit(c) || c == '|'));
        foreach (var number in DigitRuns(folded))
        {
            if (number.Length >= PhoneDigits && !allowed.Contains(number, StringComparison.Ordinal))
            {
                return "contains a number nothing grounds";
            }
        }

        return null;
    }

    /// <summary>Digit runs, reading through the separators people write inside numbers (138-0000 0000).</summary>
    private static IEnumerable<string> DigitRuns(string text)
    {
        var run = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\0';
            if (char.IsAsciiDigit(c))
            {
                run.Append(c);
            }
            else if (run.Length > 0 && c is '-' or ' ' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                continue;
            }
            else if (run.Length > 0)
            {
                yield return run.ToString();
                run.Clear();
            }
        }
    }
}
