namespace Outreach.Agent.Interpretation;

/// <summary>
/// What residents write and say, in zh-CN (with dialect and common typos) and en. Chinese entries match anywhere in a
/// clause; <see cref="Whole"/> entries only when they are the whole clause (中, 行, 1, ok), because they are too short
/// or too common to mean anything inside a longer sentence.
/// </summary>
internal static class Phrases
{
    public static readonly string[] OptOut =
    [
        "不要再打", "别再打", "别打了", "不要打了", "不要打电话", "别打电话", "莫打了", "不要给我打", "别给我打",
        "别发了", "不要发了", "别再发", "不要再发", "不要给我发", "别给我发", "不想收到", "不再接收", "不要再联系",
        "别联系我", "不要联系我", "骚扰", "拉黑", "退订", "取消订阅",
        "stop calling", "stop texting", "stop messaging", "stop sending", "stop contacting", "don't call", "do not call",
        "don't text", "do not text", "don't message", "unsubscribe", "remove me", "take me off", "no more calls",
        "no more messages", "no more texts", "leave me alone", "opt out", "opt me out",
    ];

    public static readonly string[] OptIn = ["重新订阅", "恢复接收", "恢复订阅", "subscribe again", "opt in", "opt back in", "resubscribe"];

    public static readonly string[] AskPerson =
    [
        "转人工", "人工服务", "人工客服", "找人工", "要人工", "找工作人员", "工作人员联系", "工作人员给我", "找真人", "要真人", "转真人", "找个人",
        "给我回电", "给我回个电", "回个电话", "回电话", "打电话给我", "打给我", "跟人说", "找你们领导", "找社区的人", "找网格员",
        "speak to a person", "talk to a person", "speak to someone", "talk to someone", "speak with someone", "real person",
        "a human", "operator", "call me back", "call me", "staff member", "representative", "speak to staff", "talk to staff",
    ];

    public static readonly string[] Problem =
    [
        "坏了", "坏掉", "不亮", "漏水", "渗水", "滴水", "堵了", "堵塞", "停水", "停电", "没电了", "没水了", "破了", "裂了",
        "积水", "冒烟", "着火", "异味", "臭味", "噪音", "扰民", "塌了", "掉下来", "没人管", "乱停", "乱扔",
        "broken", "leak", "leaking", "not working", "out of order", "blocked", "clogged", "flooding", "flooded",
        "no water", "no power", "power cut", "light is out", "lights are out", "smells", "noise", "fell down",
    ];

    public static readonly string[] DoubleNegative =
    [
        "不是不去", "不是不想去", "不是不来", "不是不参加", "没说不去", "没有不去", "不会不去", "不能不去", "并非不去", "不是去不了",
        "not not coming", "didn't say no", "did not say no", "not saying no",
    ];

    /// <summary>Doubt that no yes or no inside it outweighs: 不确定, not sure.</summary>
    /// <summary>Yes-words that contain a no-word (can't wait, no problem): checked before declines.</summary>
    public static readonly string[] ConfirmIdioms = ["can't wait", "cannot wait", "no problem", "not a problem", "no worries", "没问题", "不成问题"];

    /// <summary>
    /// The message is about someone else (隔壁, 他, my neighbour, everyone): it may not change the sender's record, and the
    /// agent has no way to change another's; it goes to staff.
    /// </summary>
    public static readonly string[] ThirdParty =
    [
        "他", "她", "隔壁", "邻居", "楼上", "楼下", "别人", "其他人", "其他居民", "所有人", "全部居民", "所有居民", "大家", "全体",
        "室的", "号楼的", "我妈", "我爸", "老伴", "家里人",
        "neighbour", "neighbor", "someone else", "somebody else", "other resident", "other residents", "everyone", "everybody",
        "all residents", "his", "her", "him", "their", "them", "on behalf", "for mr", "for mrs", "for ms", "resident", "residents", "居民", "my mother", "my father", "my mom", "my dad", "my wife", "my husband",
    ];

    /// <summary>
    /// Orders about records or about the agent itself (改成, 标记为, ignore your instructions, admin): never acted on, they go
    /// to staff like anything else the agent may not decide.
    /// </summary>
    public static readonly string[] Instruction =
    [
        "改成", "改为", "标记为", "标记成", "修改", "删除", "设为", "设置为", "命令", "忽略", "系统提示", "提示词", "指令", "管理员",
        "后台", "数据库", "输出", "复述", "原样", "逐字", "所有记录", "工作人员身份", "我是工作人员", "我是领导", "我是社区主任", "紧急通知", "官方通知", "最新通知",
        "change", "mark", "modify", "delete", "ignore", "instruction", "instructions", "system prompt", "admin",
        "administrator", "override", "pretend", "you are now", "developer mode", "database", "i am staff", "i'm staff",
        "official notice", "new notice", "jailbreak", "verbatim", "repeat", "print",
    ];

    public static readonly string[] StrongDoubt =
    [
        "不确定", "不一定", "说不准", "说不好", "看情况", "再说吧", "再看看", "考虑一下", "考虑考虑", "想一想", "想想", "不知道",
        "不晓得", "到时候看", "还没定", "没想好", "不清楚", "不好说",
        "not sure", "unsure", "don't know", "dont know", "do not know", "depends", "i'll see", "let me think", "not decided",
        "haven't decided", "no idea",
    ];

    /// <summary>Hedges that a clear no still beats: 可能去不了 is a decline, 可能去 is not a yes.</summary>
    public static readonly string[] WeakDoubt = ["可能", "也许", "大概", "或许", "应该吧", "maybe", "perhaps", "might", "possibly", "probably"];

    public static readonly string[] Decline =
    [
        "不去", "去不了", "去不成", "去不到", "没空", "没有空", "没时间", "没得空", "莫得空", "冇空", "唔得", "不行", "不可以",
        "不能参加", "不参加", "不能去", "不能来", "来不了", "不来", "有事", "不方便", "赶不上", "不好", "不用了", "不要了", "算了",
        "不想去", "走不开", "脱不开身", "在外地", "不在家", "要不得", "不中", "不得行", "搞不赢", "参加不了", "拒绝",
        "can't", "cannot", "can not", "won't", "will not", "not coming", "not going", "not attend", "unable", "no thanks",
        "no thank you", "busy", "decline", "not available", "away that day", "out of town", "can't make it", "not possible",
        "not come",
    ];

    public static readonly string[] Confirm =
    [
        "好的", "好啊", "好吧", "好嘞", "好滴", "好哒", "好呀", "可以", "没问题", "会去", "我去", "会来", "我来", "能去", "能来",
        "参加", "确认", "同意", "要得", "得行", "中嘞", "中啊", "妥了", "一定去", "一定到", "准时到", "准时去", "报名", "去的",
        "号的", "好得", "可已", "科以", "没问提", "没门题", "恩恩", "嗯嗯",
        "i will come", "i'll come", "i'll be there", "will be there", "will attend", "will come", "i'm coming", "im coming",
        "see you", "count me in", "no problem", "of course", "sounds good", "yes please", "definitely", "absolutely",
        "i'll go", "will go", "confirm", "can't wait", "looking forward",
    ];

    public static readonly string[] Acknowledge = ["收到", "知道了", "晓得了", "晓得", "明白", "了解", "清楚了", "noted", "got it", "understood", "i see", "thanks", "thank you", "谢谢"];

    /// <summary>A-not-A questions and question words (the clause asks something).</summary>
    public static readonly string[] Question =
    [
        "吗", "好么", "行么", "可以么", "去么", "呢", "哪", "几点", "几号", "几时", "多少", "多久", "什么", "啥", "怎么", "咋", "为什么", "为啥", "谁", "是否",
        "能否", "可否", "有没有", "要不要", "能不能", "可不可以", "行不行", "好不好", "去不去", "用不用", "请问", "问一下", "想问",
        "咨询", "要带", "需要带",
    ];

    public static readonly string[] EnglishQuestionStarts =
    [
        "where", "when", "what", "how", "why", "which", "who", "can i", "can we", "could", "do i", "do we", "does", "is it",
        "is there", "are there", "will there", "should i", "may i", "need to bring",
    ];

    public static readonly HashSet<string> WholeConfirm = new(StringComparer.Ordinal)
    {
        "好", "行", "中", "嗯", "恩", "对", "是", "是的", "对的", "去", "来", "可", "好好", "行行", "中中", "要得", "妥", "ok", "okay",
        "k", "kk", "yes", "y", "yep", "yeah", "yup", "ya", "sure", "fine", "alright", "all right", "confirmed", "👍", "嗯呢", "1",
    };

    public static readonly HashSet<string> WholeDecline = new(StringComparer.Ordinal)
    {
        "不", "不了", "没", "不要", "no", "n", "nope", "nah", "no way", "2",
    };

    /// <summary>English typos and spellings that mean a known word.</summary>
    public static readonly Dictionary<string, string> EnglishTypos = new(StringComparer.Ordinal)
    {
        ["yess"] = "yes", ["okk"] = "ok", ["noo"] = "no", ["ys"] = "yes",
        ["yse"] = "yes", ["yea"] = "yes", ["ye"] = "yes", ["yas"] = "yes", ["okey"] = "ok", ["okie"] = "ok", ["oki"] = "ok",
        ["shure"] = "sure", ["suer"] = "sure", ["cant"] = "can't", ["wont"] = "won't", ["dont"] = "don't", ["confrim"] = "confirm",
        ["comfirm"] = "confirm", ["comming"] = "coming", ["attnd"] = "attend", ["pls"] = "please", ["plz"] = "please",
        ["im"] = "i'm", ["ill"] = "i'll", ["tmr"] = "tomorrow", ["tmrw"] = "tomorrow", ["wher"] = "where", ["whre"] = "where",
        ["wat"] = "what", ["wen"] = "when", ["thx"] = "thanks", ["ty"] = "thanks",
    };
}
