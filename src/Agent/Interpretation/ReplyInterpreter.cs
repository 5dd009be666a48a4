using System.Globalization;
using System.Text;
using Outreach.Telephony.Messaging;

namespace Outreach.Agent.Interpretation;

/// <summary>
/// The offline, rule-based reading of a resident's SMS or call turn in zh-CN or en: opt-out and keywords first, then a
/// person, a problem, an option, and per clause a response (with negation: 不确定 is unclear, 不是不去 is a yes) or a
/// question. Allocation-light and regex-free except for times, so a message takes microseconds.
/// </summary>
public sealed class ReplyInterpreter(TimeProvider time)
{
    private static readonly char[] ClauseBreaks = ['，', ',', '。', '!', '！', '?', '？', ';', '；', '、', '\n', '~', '～', '…'];

    public Interpretation Interpret(string? text, string? digits, IReadOnlyList<string>? options, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var raw = string.IsNullOrWhiteSpace(text) ? digits ?? string.Empty : text;
        var language = DetectLanguage(raw);
        var message = Normalise(raw);
        var when = ResidentTimeParser.Parse(message, TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone));
        if (message.Length == 0)
        {
            return new Interpretation(ResidentIntent.Unclear, null, null, false, language);
        }

        Interpretation Result(ResidentIntent intent, string? option = null, bool question = false) => new(intent, option, when, question, language);

        // Keypad digits are unambiguous and win over anything said on the same turn.
        if (!string.IsNullOrWhiteSpace(digits))
        {
            var pressed = digits.Trim();
            if (options is { Count: > 0 } && OptionByNumber(pressed, options) is { } byDigit)
            {
                return Result(ResidentIntent.Option, byDigit);
            }

            if (pressed is "1" or "2")
            {
                return Result(pressed == "1" ? ResidentIntent.Confirm : ResidentIntent.Decline);
            }
        }

        switch (SmsKeywords.Classify(raw))
        {
            case SmsKeyword.Stop:
                return Result(ResidentIntent.OptOut);
            case SmsKeyword.Start:
                return Result(ResidentIntent.OptIn);
            case SmsKeyword.Help:
                return Result(ResidentIntent.Help);
        }

        var notAnAnswer = ContainsAny(message.Replace("其他人", "别人", StringComparison.Ordinal).Replace("其他", string.Empty, StringComparison.Ordinal).Replace("其它", string.Empty, StringComparison.Ordinal), Phrases.ThirdParty)
            || ContainsAny(message, Phrases.Instruction) || OnSomeonesBehalf(message);
        if (!notAnAnswer && ContainsAny(message, Phrases.OptOut))
        {
            return Result(ResidentIntent.OptOut);
        }

        if (!notAnAnswer && ContainsAny(message, Phrases.OptIn))
        {
            return Result(ResidentIntent.OptIn);
        }

        if (ContainsAny(message, Phrases.AskPerson))
        {
            return Result(ResidentIntent.AskPerson);
        }

        if (ContainsAny(message, Phrases.Problem))
        {
            return Result(ResidentIntent.ReportProblem);
        }

        var clauses = Clauses(message);
        var hasQuestion = clauses.Any(c => c.IsQuestion);
        if (notAnAnswer)
        {
            // Nothing said about another person, or as an order, changes a record: it goes to staff.
            return Result(ResidentIntent.Question, question: true);
        }

        if (options is { Count: > 0 } && ChooseOption(clauses, options, when) is { } chosen)
        {
            return Result(ResidentIntent.Option, chosen, hasQuestion);
        }

        var response = ResidentIntent.Unclear;
        foreach (var clause in clauses)
        {
            var intent = clause.IsQuestion ? ResidentIntent.Question : ClassifyResponse(clause.Text);
            if (intent is ResidentIntent.Confirm or ResidentIntent.Decline && response is not (ResidentIntent.Confirm or ResidentIntent.Decline))
            {
                response = intent;
            }
            else if (response is ResidentIntent.Unclear or ResidentIntent.Question && intent != ResidentIntent.Unclear)
            {
                response = response == ResidentIntent.Question && intent == ResidentIntent.Acknowledge ? response : intent;
            }
        }

        return Result(response, question: hasQuestion);
    }

    /// <summary>帮/替/代 someone (帮王强退订) but not 帮我: an action asked for another person.</summary>
    private static bool OnSomeonesBehalf(string message)
    {
        for (var i = message.IndexOfAny(['帮', '替', '代']); i >= 0 && i < message.Length - 1; i = message.IndexOfAny(['帮', '替', '代'], i + 1))
        {
            if (message[i + 1] is not ('我' or '助' or '忙'))
            {
                return true;
            }
        }

        return false;
    }

    private static ResidentIntent ClassifyResponse(string clause)
    {
        if (ContainsAny(clause, Phrases.DoubleNegative) || ContainsAny(clause, Phrases.ConfirmIdioms))
        {
            return ResidentIntent.Confirm;
        }

        if (ContainsAny(clause, Phrases.StrongDoubt))
        {
            return ResidentIntent.Unclear;
        }

        if (ContainsAny(clause, Phrases.Decline) || Phrases.WholeDecline.Contains(clause))
        {
            return ResidentIntent.Decline;
        }

        if (ContainsAny(clause, Phrases.WeakDoubt))
        {
            return ResidentIntent.Unclear;
        }

        if (ContainsAny(clause, Phrases.Confirm) || Phrases.WholeConfirm.Contains(clause))
        {
            return ResidentIntent.Confirm;
        }

        return ContainsAny(clause, Phrases.Acknowledge) ? ResidentIntent.Acknowledge : ResidentIntent.Unclear;
    }

    private static string? ChooseOption(List<Clause> clauses, IReadOnlyList<string> options, ResidentTime? when)
    {
        foreach (var clause in clauses.Where(c => !c.IsQuestion))
        {
            var text = clause.Text;
            var number = text.TrimStart('第', '选').TrimEnd('个', '项', '号');
            if (text.StartsWith("option ", StringComparison.Ordinal) || text.StartsWith("选项", StringComparison.Ordinal))
            {
                number = text[(text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space + 1 : 2)..];
            }

            if (OptionByNumber(number.Trim(), options) is { } byNumber)
            {
                return byNumber;
            }

            foreach (var option in options)
            {
                var normalised = Normalise(option);
                if (normalised.Length > 1 && (text.Contains(normalised, StringComparison.Ordinal) || (text.Length > 1 && normalised.Contains(text, StringComparison.Ordinal))))
                {
                    return option;
                }
            }
        }

        if (when?.Date is { } date)
        {
            var matches = options.Where(o => ResidentTimeParser.Parse(Normalise(o), DateTimeOffset.MinValue) is { } optionTime
                && (optionTime.Date is null || optionTime.Date == date || optionTime.Date.Value.DayOfWeek == date.DayOfWeek)
                && (when.Part is null || optionTime.Part is null || optionTime.Part == when.Part)).ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }
        }

        return null;
    }

    private static string? OptionByNumber(string text, IReadOnlyList<string> options)
    {
        if (text.Length == 1 && text[0] is >= 'a' and <= 'z' && text[0] - 'a' < options.Count)
        {
            return options[text[0] - 'a'];
        }

        var number = ResidentTimeParser.Number(text);
        return number is >= 1 && number <= options.Count ? options[number.Value - 1] : null;
    }

    private static List<Clause> Clauses(string message)
    {
        var clauses = new List<Clause>(4);
        var splitSpaces = message.Any(IsChinese);
        var start = 0;
        for (var i = 0; i <= message.Length; i++)
        {
            var end = i == message.Length;
            var c = end ? '\0' : message[i];
            var isBreak = end || Array.IndexOf(ClauseBreaks, c) >= 0 || (splitSpaces && c == ' ')
                || (c == '.' && !(i > 0 && char.IsAsciiDigit(message[i - 1]) && i + 1 < message.Length && char.IsAsciiDigit(message[i + 1])));
            if (!isBreak)
            {
                continue;
            }

            var text = message[start..i].Trim();
            if (text.Length > 0)
            {
                clauses.Add(new Clause(text, c is '?' or '？' || IsQuestion(text)));
            }

            start = i + 1;
        }

        if (clauses.Count == 0 && message.AsSpan().IndexOfAny('?', '？') >= 0)
        {
            clauses.Add(new Clause(message, IsQuestion: true));
        }

        return clauses;
    }

    private static bool IsQuestion(string clause)
    {
        if (ContainsAny(clause, Phrases.Question))
        {
            return true;
        }

        foreach (var start in Phrases.EnglishQuestionStarts)
        {
            if (clause.StartsWith(start, StringComparison.Ordinal) && (clause.Length == start.Length || !char.IsAsciiLetter(clause[start.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>NFKC (full-width to ASCII), lower case, English typos fixed, politeness that reads as a "no" removed.</summary>
    internal static string Normalise(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace("不好意思", string.Empty, StringComparison.Ordinal).Replace('’', '\'').Trim();
        if (!folded.Any(char.IsAsciiLetter))
        {
            return folded;
        }

        var builder = new StringBuilder(folded.Length);
        var i = 0;
        while (i < folded.Length)
        {
            if (!char.IsAsciiLetter(folded[i]))
            {
                builder.Append(folded[i++]);
                continue;
            }

            var start = i;
            while (i < folded.Length && (char.IsAsciiLetter(folded[i]) || (folded[i] == '\'' && i + 1 < folded.Length && char.IsAsciiLetter(folded[i + 1]))))
            {
                i++;
            }

            var word = CollapseRepeats(folded[start..i]);
            builder.Append(Phrases.EnglishTypos.TryGetValue(word, out var fixedWord) ? fixedWord : word);
        }

        return builder.ToString();
    }

    /// <summary>"yesss", "okkkk", "nooo": a letter three or more times in a row counts once.</summary>
    private static string CollapseRepeats(string word)
    {
        var builder = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var run = 1;
            while (i + run < word.Length && word[i + run] == word[i])
            {
                run++;
            }

            builder.Append(word[i], run >= 3 ? 1 : run);
            i += run - 1;
        }

        return builder.ToString();
    }

    internal static bool ContainsAny(string text, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (Matches(text, phrase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Chinese phrases match anywhere; English ones only as whole words (his ≠ this).</summary>
    private static bool Matches(string text, string phrase)
    {
        var start = 0;
        while ((start = text.IndexOf(phrase, start, StringComparison.Ordinal)) >= 0)
        {
            var end = start + phrase.Length;
            if (!char.IsAsciiLetter(phrase[0]) || ((start == 0 || !char.IsAsciiLetter(text[start - 1])) && (end == text.Length || !char.IsAsciiLetter(text[end]))))
            {
                return true;
            }

            start = end;
        }

        return false;
    }

    internal static string? DetectLanguage(string text)
    {
        if (text.Any(IsChinese))
        {
            return "zh-CN";
        }

        return text.Count(char.IsAsciiLetter) >= 2 ? "en" : null;
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    private readonly record struct Clause(string Text, bool IsQuestion);
}
