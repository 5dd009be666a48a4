namespace Outreach.Agent.Conversations;

/// <summary>Which of the notice's own key facts answer a question (在哪里 → the place, 几点 → the time).</summary>
internal static class NoticeFactFinder
{
    private static readonly (string[] Asked, string[] FactNames)[] Topics =
    [
        (["哪", "地点", "地址", "位置", "where", "address", "location", "place", "venue"], ["place", "location", "address", "venue", "地点", "地址", "位置", "场所"]),
        (["几点", "什么时候", "哪天", "几号", "时间", "日期", "星期几", "when", "what time", "date", "day", "time"], ["date", "time", "day", "when", "日期", "时间", "几点"]),
        (["电话", "号码", "联系", "phone", "number", "call", "contact"], ["phone", "tel", "contact", "电话", "联系"]),
        (["多少钱", "费用", "收费", "免费", "价格", "钱", "cost", "price", "fee", "free", "pay", "much"], ["amount", "price", "cost", "fee", "费用", "金额", "价格", "收费"]),
    ];

    public static List<KeyFact> Answering(string question, NoticeContext? notice)
    {
        var facts = new List<KeyFact>();
        if (notice is null)
        {
            return facts;
        }

        var asked = question.ToLowerInvariant();
        foreach (var (askedWords, factNames) in Topics)
        {
            if (!askedWords.Any(w => asked.Contains(w, StringComparison.Ordinal)))
            {
                continue;
            }

            facts.AddRange(notice.KeyFacts.Where(f => !facts.Contains(f) && factNames.Any(n => f.Name.Contains(n, StringComparison.OrdinalIgnoreCase))));
        }

        return facts;
    }
}
