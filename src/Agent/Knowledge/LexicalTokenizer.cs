using System.Text;

namespace Outreach.Agent.Knowledge;

/// <summary>
/// Terms for a lexical index that handles Chinese without a dictionary: character bigrams (and single characters,
/// weighted as weaker terms) for Han runs; lower-case words, lightly stemmed, for Latin text.
/// </summary>
public static class LexicalTokenizer
{
    /// <summary>Prefix of single-character terms, so they never collide with words.</summary>
    public const char UnigramMark = '\u0001';

    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "is", "are", "am", "be", "to", "of", "and", "or", "in", "on", "at", "for", "do", "does", "did", "i",
        "you", "we", "what", "where", "when", "how", "why", "which", "who", "my", "me", "it", "its", "can", "could", "should",
        "will", "would", "there", "this", "that", "with", "please", "hi", "hello", "your", "our", "any", "have", "has", "need",
    };

    private static readonly HashSet<char> ChineseStopCharacters = [.. "的了是我你他她在吗呢么什怎哪有要和请一个这那啊吧呀就都也还会能想问下们"];

    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var terms = new List<string>(folded.Length);
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (IsHan(c))
            {
                var start = i;
                while (i < folded.Length && IsHan(folded[i]))
                {
                    i++;
                }

                AddHanRun(folded.AsSpan(start, i - start), terms);
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                var start = i;
                while (i < folded.Length && char.IsAsciiLetterOrDigit(folded[i]))
                {
                    i++;
                }

                var word = folded[start..i];
                if (!EnglishStopWords.Contains(word))
                {
                    terms.Add(Stem(word));
                }
            }
            else
            {
                i++;
            }
        }

        return terms;
    }

    public static bool IsUnigram(string term) => term.Length == 2 && term[0] == UnigramMark;

    public static bool IsHanBigram(string term) => term.Length == 2 && IsHan(term[0]) && IsHan(term[1]);

    private static void AddHanRun(ReadOnlySpan<char> run, List<string> terms)
    {
        for (var i = 0; i < run.Length; i++)
        {
            if (!ChineseStopCharacters.Contains(run[i]))
            {
                terms.Add(string.Concat(UnigramMark.ToString(), run.Slice(i, 1)));
            }

            if (i + 1 < run.Length)
            {
                terms.Add(run.Slice(i, 2).ToString());
            }
        }
    }

    private static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        return word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}
