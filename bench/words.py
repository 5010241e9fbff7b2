"""Chinese texts of realistic length for the generated cases, drawn so that common and rare
two-character words both occur (search cost depends on how many cases match).

The search pages of the benchmark ask for the words named here: ``COMMON`` occurs in about
a third of the cases, ``RARE`` in about one in two thousand, ``FOUR`` in about one in twenty.
"""

import random

COMMON = "停电"
RARE = "蜂窝"
FOUR = "服务态度"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "建国华明丽芳强军伟静敏磊洋勇艳杰娟涛超秀英霞平刚桂兰玉梅红春生福德才"
VILLAGES = ("王家村", "李家湾", "东村", "西岭村", "河口村", "新田村", "杨树湾", "石桥村", "柳林村")
PLACES = ("台区", "村口", "二组", "三组", "小学旁", "菜市场", "养殖场", "卫生院", "村委会")

# Subjects: what a clerk writes on the register's line (8 to 30 characters).
SUBJECTS = (
    "{v}{p}停电三天无人处理",
    "{v}{p}电压低，空调无法启动",
    "电费突然增加，怀疑电表有问题",
    "抄表员服务态度差",
    "{v}线路老化存在安全隐患",
    "申请新装电表一直没有回复",
    "营业厅工作人员服务态度不好",
    "{v}{p}频繁停电影响生产",
    "电线杆倾斜，担心倒塌",
    "希望延长营业厅办理时间",
    "表扬抢修人员连夜恢复供电",
    "咨询阶梯电价如何计算",
    "{v}路灯不亮，晚上出行不便",
    "变压器噪音大影响休息",
    "缴费后仍收到欠费停电通知",
    "举报有人私接电线窃电",
    "举报工作人员收取好处费",
    "建议增加自助缴费终端",
)
# Sentences of the content (40 to 400 characters in all).
SENTENCES = (
    "{v}{p}从上周开始经常停电，每次停电都有好几个小时。",
    "晚上用电高峰电压很低，灯光发暗，冰箱和空调都启动不了。",
    "打了几次服务电话，都说会派人来看，但一直没有人来。",
    "这个月的电费比上个月多了将近一倍，家里用电习惯没有变化。",
    "怀疑电表走得太快，希望供电所派人来校验电表。",
    "抄表员来的时间不固定，有时候根本不来，电费是估出来的。",
    "营业厅工作人员服务态度生硬，问两句就不耐烦。",
    "村里的电线杆已经倾斜，下雨刮风的时候很危险。",
    "线路老化，电线裸露，小孩经常在下面玩，担心出事故。",
    "养殖场需要稳定供电，停电一次损失很大。",
    "希望供电所能提前通知停电时间，方便大家安排。",
    "抢修人员冒雨连夜抢修，第二天一早就恢复了供电，特此表扬。",
    "想了解一下阶梯电价和峰谷电价怎么计算，哪一种更划算。",
    "申请新装电表已经两个月了，一直没有消息。",
    "变压器就在家门口，晚上嗡嗡响，影响老人休息。",
    "交了电费以后还是收到欠费短信，不知道是怎么回事。",
    "有人从变压器私拉电线，已经好几个月了。",
    "希望营业厅中午也能办理业务，上班族只有中午有空。",
    "希望工作人员改进服务态度，耐心解答群众的问题。",
    "停电期间家里的电器被烧坏了，希望能给个说法。",
    "村民反映多次，问题一直没有解决，大家意见很大。",
)
# Rare words: each in a small share of the contents, so that a rare search finds a few.
RARE_SENTENCES = (
    "屋檐下有一个" + RARE + "，工作人员不敢上杆检修。",
    "电线上挂着一个马蜂窝，村民不敢靠近。",
    "附近有人养了骆驼，担心碰到电线杆。",
    "电缆沟里发现了琵琶形状的杂物。",
)


class Texts:
    """A stream of subjects, contents and people, from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _fill(self, template: str) -> str:
        return template.format(v=self.rng.choice(VILLAGES), p=self.rng.choice(PLACES))

    def subject(self) -> str:
        return self._fill(self.rng.choice(SUBJECTS))

    def content(self) -> str:
        count = self.rng.choice((1, 2, 2, 3, 3, 4, 5, 6, 8))
        parts = [self._fill(self.rng.choice(SENTENCES)) for _ in range(count)]
        if self.rng.random() < 0.002:
            parts.insert(self.rng.randrange(count + 1), self.rng.choice(RARE_SENTENCES[:2]))
        elif self.rng.random() < 0.004:
            parts.append(self.rng.choice(RARE_SENTENCES[2:]))
        return "".join(parts)

    def name(self) -> str:
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))
        return self.rng.choice(SURNAMES) + given

    def phone(self) -> str:
        return (
            "1" + self.rng.choice("3578") + "".join(self.rng.choice("0123456789") for _ in range(9))
        )

    def id_number(self) -> str:
        digits = "".join(self.rng.choice("0123456789") for _ in range(11))
        return "420" + self.rng.choice(("1", "2")) + "2" + digits + self.rng.choice("0123456789X")

    def address(self) -> str:
        return f"{self.rng.choice(VILLAGES)}{self.rng.randint(1, 9)}组{self.rng.randint(1, 60)}号"

    def sentence(self) -> str:
        return self._fill(self.rng.choice(SENTENCES))
