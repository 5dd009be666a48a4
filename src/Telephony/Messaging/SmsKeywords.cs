using System.Globalization;
using System.Text;

namespace Outreach.Telephony.Messaging;

/// <summary>
/// Recognises STOP/START/HELP keywords, case- and width-insensitively (ＳＴＯＰ, stop, 退订, TD).
/// Only a message that is the keyword alone counts: "don't stop the water" is a question, not an opt-out.
/// </summary>
public static class SmsKeywords
{
    private static readonly Dictionary<string, SmsKeyword> Keywords = new(StringComparer.Ordinal)
    {
        ["STOP"] = SmsKeyword.Stop,
        ["STOPALL"] = SmsKeyword.Stop,
        ["UNSUBSCRIBE"] = SmsKeyword.Stop,
        ["CANCEL"] = SmsKeyword.Stop,
        ["END"] = SmsKeyword.Stop,
        ["QUIT"] = SmsKeyword.Stop,
        ["TD"] = SmsKeyword.Stop,
        ["退订"] = SmsKeyword.Stop,
        ["退定"] = SmsKeyword.Stop,
        ["取消订阅"] = SmsKeyword.Stop,
        ["START"] = SmsKeyword.Start,
        ["UNSTOP"] = SmsKeyword.Start,
        ["SUBSCRIBE"] = SmsKeyword.Start,
        ["订阅"] = SmsKeyword.Start,
        ["HELP"] = SmsKeyword.Help,
        ["INFO"] = SmsKeyword.Help,
        ["帮助"] = SmsKeyword.Help,
    };

    public static SmsKeyword Classify(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return SmsKeyword.None;
        }

        // NFKC folds full-width letters (ＳＴＯＰ) to ASCII; then drop spaces and trailing punctuation.
        var folded = body.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category is UnicodeCategory.OtherPunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.InitialQuotePunctuation)
            {
                continue;
            }

            builder.Append(c);
        }

        return Keywords.TryGetValue(builder.ToString(), out var keyword) ? keyword : SmsKeyword.None;
    }
}
