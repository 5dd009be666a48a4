using System.Globalization;
using System.Text;

namespace Outreach.Residents.Audiences;

/// <summary>Splits an audience expression into tokens. Accepts ASCII and Chinese quotes and full-width brackets and commas.</summary>
internal static class AudienceTokenizer
{
    public static List<AudienceToken> Tokenize(string text)
    {
        var tokens = new List<AudienceToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(' or '（':
                    tokens.Add(new(AudienceTokenKind.LeftParen, "(", start));
                    i++;
                    continue;
                case ')' or '）':
                    tokens.Add(new(AudienceTokenKind.RightParen, ")", start));
                    i++;
                    continue;
                case ',' or '，':
                    tokens.Add(new(AudienceTokenKind.Comma, ",", start));
                    i++;
                    continue;
                case '"' or '“' or '\'':
                    tokens.Add(ReadString(text, ref i));
                    continue;
                case '=' or '!' or '<' or '>':
                    tokens.Add(ReadOperator(text, ref i));
                    continue;
            }

            if (char.IsAsciiDigit(c))
            {
                tokens.Add(ReadNumberOrDate(text, ref i));
            }
            else if (IsWordStart(c))
            {
                while (i < text.Length && IsWordPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new(AudienceTokenKind.Word, text[start..i], start));
            }
            else
            {
                throw new AudienceSyntaxException($"unexpected character '{c}'", start);
            }
        }

        tokens.Add(new(AudienceTokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';

    private static AudienceToken ReadString(string text, ref int i)
    {
        var start = i;
        var close = text[i] switch
        {
            '“' => '”',
            var quote => quote,
        };
        i++;
        var value = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                value.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (c == close || (close == '”' && c == '"'))
            {
                i++;
                return new(AudienceTokenKind.String, value.ToString(), start);
            }

            value.Append(c);
            i++;
        }

        throw new AudienceSyntaxException($"the text starting with {text[start]} is never closed; expected a closing {close}", start);
    }

    private static AudienceToken ReadOperator(string text, ref int i)
    {
        var start = i;
        var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
        if (two is "<=" or ">=" or "!=" or "<>" or "==")
        {
            i += 2;
            return new(AudienceTokenKind.Operator, two switch { "<>" => "!=", "==" => "=", _ => two }, start);
        }

        if (text[i] == '!')
        {
            throw new AudienceSyntaxException("expected '!=' (a lone '!' is not an operator; use not)", start);
        }

        i++;
        return new(AudienceTokenKind.Operator, text[start].ToString(), start);
    }

    /// <summary>Digits are a number; digits with dashes such as 2026-12-01 are a date.</summary>
    private static AudienceToken ReadNumberOrDate(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '-' or '/'))
        {
            i++;
        }

        if (i < text.Length && IsWordPart(text[i]))
        {
            throw new AudienceSyntaxException($"expected a number or a date like 2026-12-01, not '{ReadToWordEnd(text, start)}'", start);
        }

        var literal = text[start..i];
        if (!literal.Contains('-', StringComparison.Ordinal) && !literal.Contains('/', StringComparison.Ordinal))
        {
            return new(AudienceTokenKind.Number, literal, start);
        }

        if (DateOnly.TryParseExact(literal, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new(AudienceTokenKind.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start);
        }

        throw new AudienceSyntaxException($"'{literal}' is not a date; expected a date like 2026-12-01", start);
    }

    private static string ReadToWordEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && IsWordPart(text[end]))
        {
            end++;
        }

        return text[start..end];
    }
}
