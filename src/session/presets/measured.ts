// What NormScope measured, summarised over seeds: written by scripts/experiments/write-measured.ts from
// docs/results/experiments/*.jsonl and docs/results/sweep-*.jsonl. Do not edit by hand; the
// explanations (./explanations.ts) quote it and their test rebuilds it from the results.
import type { Measured } from '../seeds/measured-build';

export const MEASURED: Measured = {
  "checks": [
    {
      "preset": "bn-paper-fig1",
      "check": "Figure 1, 5,000 steps",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.91175,
            "min": 0.9055,
            "max": 0.9135,
            "q1": 0.91,
            "q3": 0.913325,
            "iqr": 0.003325
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.95035,
            "min": 0.9475,
            "max": 0.9564,
            "q1": 0.94875,
            "q3": 0.952475,
            "iqr": 0.003725
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 8,
          "losses": 0,
          "ties": 0,
          "medianDiff": 0.0407,
          "minDiff": 0.0359,
          "maxDiff": 0.0437
        }
      }
    },
    {
      "preset": "high-lr",
      "check": "lr 1",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.96875,
            "min": 0.9584,
            "max": 0.9707,
            "q1": 0.966075,
            "q3": 0.9704,
            "iqr": 0.004325
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9692,
            "min": 0.9617,
            "max": 0.9734,
            "q1": 0.9683,
            "q3": 0.972325,
            "iqr": 0.004025
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 6,
          "losses": 2,
          "ties": 0,
          "medianDiff": 0.003,
          "minDiff": -0.009,
          "maxDiff": 0.0084
        }
      }
    },
    {
      "preset": "high-lr",
      "check": "lr 3",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.97055,
            "min": 0.9643,
            "max": 0.9723,
            "q1": 0.969775,
            "q3": 0.971625,
            "iqr": 0.00185
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.97235,
            "min": 0.9696,
            "max": 0.9751,
            "q1": 0.9713,
            "q3": 0.973025,
            "iqr": 0.001725
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 7,
          "losses": 1,
          "ties": 0,
          "medianDiff": 0.00165,
          "minDiff": -0.0027,
          "maxDiff": 0.0058
        }
      }
    },
    {
      "preset": "high-lr",
      "check": "lr 10",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.2778,
            "min": 0.0974,
            "max": 0.948,
            "q1": 0.1003,
            "q3": 0.7548,
            "iqr": 0.6545
          },
          "above": 4
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.96775,
            "min": 0.9604,
            "max": 0.9721,
            "q1": 0.966625,
            "q3": 0.96995,
            "iqr": 0.003325
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 8,
          "losses": 0,
          "ties": 0,
          "medianDiff": 0.68635,
          "minDiff": 0.0192,
          "maxDiff": 0.8747
        }
      }
    },
    {
      "preset": "high-lr",
      "check": "lr 30",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.09955,
            "min": 0.0892,
            "max": 0.1135,
            "q1": 0.098,
            "q3": 0.105775,
            "iqr": 0.007775
          },
          "above": 0
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9484,
            "min": 0.9419,
            "max": 0.9516,
            "q1": 0.94655,
            "q3": 0.950525,
            "iqr": 0.003975
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 8,
          "losses": 0,
          "ties": 0,
          "medianDiff": 0.84625,
          "minDiff": 0.8344,
          "maxDiff": 0.8624
        }
      }
    },
    {
      "preset": "bad-init",
      "check": "N(0, 0.01^2)",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.1028,
            "min": 0.0958,
            "max": 0.1135,
            "q1": 0.0974,
            "q3": 0.1135,
            "iqr": 0.0161
          },
          "above": 0
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.958,
            "min": 0.9518,
            "max": 0.9623,
            "q1": 0.9546,
            "q3": 0.959475,
            "iqr": 0.004875
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 8,
          "losses": 0,
          "ties": 0,
          "medianDiff": 0.85525,
          "minDiff": 0.8413,
          "maxDiff": 0.8613
        }
      }
    },
    {
      "preset": "bad-init",
      "check": "N(0, 1)",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.8746,
            "min": 0.8653,
            "max": 0.8797,
            "q1": 0.869925,
            "q3": 0.877375,
            "iqr": 0.00745
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.90115,
            "min": 0.9,
            "max": 0.9052,
            "q1": 0.9009,
            "q3": 0.9021,
            "iqr": 0.0012
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 8,
          "losses": 0,
          "ties": 0,
          "medianDiff": 0.02725,
          "minDiff": 0.0225,
          "maxDiff": 0.0357
        }
      }
    },
    {
      "preset": "placement",
      "check": "relu, he",
      "threshold": 0.3,
      "runs": [
        {
          "run": "batch-pre",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.97645,
            "min": 0.9723,
            "max": 0.9793,
            "q1": 0.975925,
            "q3": 0.97735,
            "iqr": 0.001425
          },
          "above": 8
        },
        {
          "run": "batch-post",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.97645,
            "min": 0.9748,
            "max": 0.9779,
            "q1": 0.975675,
            "q3": 0.9775,
            "iqr": 0.001825
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "batch-pre",
        "b": "batch-post",
        "comparison": {
          "n": 8,
          "wins": 4,
          "losses": 4,
          "ties": 0,
          "medianDiff": 0.0006,
          "minDiff": -0.0019,
          "maxDiff": 0.0025
        }
      }
    },
    {
      "preset": "article",
      "check": "the article's model",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.97305,
            "min": 0.9721,
            "max": 0.9752,
            "q1": 0.972825,
            "q3": 0.973775,
            "iqr": 0.00095
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9745,
            "min": 0.9725,
            "max": 0.977,
            "q1": 0.9736,
            "q3": 0.975425,
            "iqr": 0.001825
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 5,
          "losses": 3,
          "ties": 0,
          "medianDiff": 0.00135,
          "minDiff": -0.0012,
          "maxDiff": 0.0049
        }
      }
    },
    {
      "preset": "deep-sigmoid",
      "check": "10 x 100 sigmoid, xavier",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.1028,
            "min": 0.0974,
            "max": 0.1135,
            "q1": 0.1001,
            "q3": 0.1135,
            "iqr": 0.0134
          },
          "above": 0
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9625,
            "min": 0.9565,
            "max": 0.9662,
            "q1": 0.95815,
            "q3": 0.964675,
            "iqr": 0.006525
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 8,
          "losses": 0,
          "ties": 0,
          "medianDiff": 0.8584,
          "minDiff": 0.843,
          "maxDiff": 0.8668
        }
      }
    },
    {
      "preset": "cnn",
      "check": "batch 60, 250 steps",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9393,
            "min": 0.9299,
            "max": 0.9484,
            "q1": 0.936075,
            "q3": 0.941525,
            "iqr": 0.00545
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.96345,
            "min": 0.9573,
            "max": 0.9659,
            "q1": 0.9626,
            "q3": 0.9646,
            "iqr": 0.002
          },
          "above": 8
        },
        {
          "run": "group",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9545,
            "min": 0.941,
            "max": 0.9646,
            "q1": 0.951225,
            "q3": 0.9617,
            "iqr": 0.010475
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 8,
          "losses": 0,
          "ties": 0,
          "medianDiff": 0.025,
          "minDiff": 0.0158,
          "maxDiff": 0.0327
        }
      }
    },
    {
      "preset": "cnn",
      "check": "batch 60, 500 steps",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.95875,
            "min": 0.9557,
            "max": 0.9624,
            "q1": 0.956375,
            "q3": 0.9605,
            "iqr": 0.004125
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9721,
            "min": 0.9549,
            "max": 0.976,
            "q1": 0.9685,
            "q3": 0.97555,
            "iqr": 0.00705
          },
          "above": 8
        },
        {
          "run": "group",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.96715,
            "min": 0.9611,
            "max": 0.972,
            "q1": 0.963425,
            "q3": 0.969925,
            "iqr": 0.0065
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 7,
          "losses": 1,
          "ties": 0,
          "medianDiff": 0.0136,
          "minDiff": -0.0008,
          "maxDiff": 0.0194
        }
      }
    },
    {
      "preset": "cnn",
      "check": "batch 60, 1,000 steps",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9708,
            "min": 0.9592,
            "max": 0.9749,
            "q1": 0.966775,
            "q3": 0.971675,
            "iqr": 0.0049
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.97545,
            "min": 0.9642,
            "max": 0.9816,
            "q1": 0.972125,
            "q3": 0.9786,
            "iqr": 0.006475
          },
          "above": 8
        },
        {
          "run": "group",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.97625,
            "min": 0.967,
            "max": 0.9793,
            "q1": 0.973575,
            "q3": 0.978075,
            "iqr": 0.0045
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 7,
          "losses": 1,
          "ties": 0,
          "medianDiff": 0.0076,
          "minDiff": -0.0077,
          "maxDiff": 0.0128
        }
      }
    },
    {
      "preset": "cnn",
      "check": "batch 60, 3,000 steps",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.98125,
            "min": 0.977,
            "max": 0.9832,
            "q1": 0.979925,
            "q3": 0.982325,
            "iqr": 0.0024
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.98385,
            "min": 0.9806,
            "max": 0.9867,
            "q1": 0.982975,
            "q3": 0.98485,
            "iqr": 0.001875
          },
          "above": 8
        },
        {
          "run": "group",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9845,
            "min": 0.9822,
            "max": 0.9879,
            "q1": 0.983725,
            "q3": 0.9858,
            "iqr": 0.002075
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 7,
          "losses": 1,
          "ties": 0,
          "medianDiff": 0.00325,
          "minDiff": -0.0003,
          "maxDiff": 0.0061
        }
      }
    },
    {
      "preset": "cnn-small-batch",
      "check": "batch 4, 3,000 steps",
      "threshold": 0.3,
      "runs": [
        {
          "run": "plain",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.96465,
            "min": 0.9538,
            "max": 0.9672,
            "q1": 0.9627,
            "q3": 0.965925,
            "iqr": 0.003225
          },
          "above": 8
        },
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.963,
            "min": 0.9602,
            "max": 0.9682,
            "q1": 0.96235,
            "q3": 0.965975,
            "iqr": 0.003625
          },
          "above": 8
        },
        {
          "run": "group",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9549,
            "min": 0.8957,
            "max": 0.9623,
            "q1": 0.948425,
            "q3": 0.9587,
            "iqr": 0.010275
          },
          "above": 8
        }
      ],
      "paired": {
        "a": "plain",
        "b": "batch",
        "comparison": {
          "n": 8,
          "wins": 3,
          "losses": 5,
          "ties": 0,
          "medianDiff": -0.00045,
          "minDiff": -0.0056,
          "maxDiff": 0.0117
        }
      }
    },
    {
      "preset": "cnn-small-batch",
      "check": "batch 2, 3,000 steps",
      "threshold": 0.3,
      "runs": [
        {
          "run": "batch",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.89345,
            "min": 0.6055,
            "max": 0.932,
            "q1": 0.8557,
            "q3": 0.928925,
            "iqr": 0.073225
          },
          "above": 8
        },
        {
          "run": "group",
          "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
          "diverged": 0,
          "acc": {
            "n": 8,
            "median": 0.9201,
            "min": 0.1032,
            "max": 0.9389,
            "q1": 0.905525,
            "q3": 0.92765,
            "iqr": 0.022125
          },
          "above": 7
        }
      ],
      "paired": {
        "a": "batch",
        "b": "group",
        "comparison": {
          "n": 8,
          "wins": 6,
          "losses": 2,
          "ties": 0,
          "medianDiff": 0.00495,
          "minDiff": -0.7976,
          "maxDiff": 0.3215
        }
      }
    }
  ],
  "gradients": [
    {
      "preset": "bn-paper-fig1",
      "check": "Figure 1, 5,000 steps",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.128654,
        "min": 0.107455,
        "max": 0.155322,
        "q1": 0.11515,
        "q3": 0.134449,
        "iqr": 0.019298
      },
      "last": {
        "n": 8,
        "median": 0.154647,
        "min": 0.129388,
        "max": 0.195786,
        "q1": 0.132058,
        "q3": 0.164829,
        "iqr": 0.032771
      },
      "first": {
        "n": 8,
        "median": 0.019967,
        "min": 0.015455,
        "max": 0.022101,
        "q1": 0.018002,
        "q3": 0.021073,
        "iqr": 0.003071
      },
      "hiddenMin": 0.015455,
      "hiddenMax": 0.195786
    },
    {
      "preset": "bn-paper-fig1",
      "check": "Figure 1, 5,000 steps",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 1.523072,
        "min": 1.417172,
        "max": 1.60974,
        "q1": 1.478878,
        "q3": 1.546063,
        "iqr": 0.067185
      },
      "last": {
        "n": 8,
        "median": 0.216193,
        "min": 0.205695,
        "max": 0.23427,
        "q1": 0.209681,
        "q3": 0.226383,
        "iqr": 0.016701
      },
      "first": {
        "n": 8,
        "median": 0.331034,
        "min": 0.297366,
        "max": 0.355802,
        "q1": 0.318035,
        "q3": 0.344095,
        "iqr": 0.02606
      },
      "hiddenMin": 0.205695,
      "hiddenMax": 0.355802
    },
    {
      "preset": "high-lr",
      "check": "lr 1",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.214103,
        "min": 0.168438,
        "max": 0.262404,
        "q1": 0.186291,
        "q3": 0.23476,
        "iqr": 0.048469
      },
      "last": {
        "n": 8,
        "median": 0.108626,
        "min": 0.060082,
        "max": 0.198329,
        "q1": 0.081024,
        "q3": 0.131898,
        "iqr": 0.050874
      },
      "first": {
        "n": 8,
        "median": 0.025957,
        "min": 0.01012,
        "max": 0.042488,
        "q1": 0.014329,
        "q3": 0.031001,
        "iqr": 0.016673
      },
      "hiddenMin": 0.01012,
      "hiddenMax": 0.198329
    },
    {
      "preset": "high-lr",
      "check": "lr 1",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 1.820648,
        "min": 1.619259,
        "max": 1.917275,
        "q1": 1.707138,
        "q3": 1.847643,
        "iqr": 0.140505
      },
      "last": {
        "n": 8,
        "median": 0.225541,
        "min": 0.185949,
        "max": 0.293573,
        "q1": 0.21273,
        "q3": 0.26315,
        "iqr": 0.050421
      },
      "first": {
        "n": 8,
        "median": 0.421615,
        "min": 0.338237,
        "max": 0.4973,
        "q1": 0.38341,
        "q3": 0.456262,
        "iqr": 0.072852
      },
      "hiddenMin": 0.185949,
      "hiddenMax": 0.4973
    },
    {
      "preset": "high-lr",
      "check": "lr 3",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.833278,
        "min": 0.425015,
        "max": 1.620144,
        "q1": 0.559841,
        "q3": 1.1717,
        "iqr": 0.611859
      },
      "last": {
        "n": 8,
        "median": 0.022747,
        "min": 0.003583,
        "max": 0.134691,
        "q1": 0.013691,
        "q3": 0.053243,
        "iqr": 0.039552
      },
      "first": {
        "n": 8,
        "median": 0.016887,
        "min": 0.005254,
        "max": 0.218218,
        "q1": 0.008327,
        "q3": 0.032212,
        "iqr": 0.023886
      },
      "hiddenMin": 0.00326,
      "hiddenMax": 0.218218
    },
    {
      "preset": "high-lr",
      "check": "lr 3",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 1.636235,
        "min": 1.551721,
        "max": 1.720624,
        "q1": 1.570429,
        "q3": 1.7014,
        "iqr": 0.13097
      },
      "last": {
        "n": 8,
        "median": 0.160457,
        "min": 0.113884,
        "max": 0.203304,
        "q1": 0.142819,
        "q3": 0.170238,
        "iqr": 0.027418
      },
      "first": {
        "n": 8,
        "median": 0.261368,
        "min": 0.179268,
        "max": 0.326173,
        "q1": 0.237961,
        "q3": 0.290607,
        "iqr": 0.052646
      },
      "hiddenMin": 0.111877,
      "hiddenMax": 0.326173
    },
    {
      "preset": "high-lr",
      "check": "lr 10",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.137883,
        "min": 0.059777,
        "max": 0.366327,
        "q1": 0.113021,
        "q3": 0.176834,
        "iqr": 0.063813
      },
      "last": {
        "n": 8,
        "median": 0.000822631,
        "min": 0.000378918,
        "max": 0.00256,
        "q1": 0.000645589,
        "q3": 0.001017,
        "iqr": 0.000371175
      },
      "first": {
        "n": 8,
        "median": 0.000112278,
        "min": 0.0000498332,
        "max": 0.000427201,
        "q1": 0.0000699963,
        "q3": 0.000188137,
        "iqr": 0.000118141
      },
      "hiddenMin": 0.0000436801,
      "hiddenMax": 0.00256
    },
    {
      "preset": "high-lr",
      "check": "lr 10",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 1.774627,
        "min": 1.521333,
        "max": 2.814319,
        "q1": 1.68415,
        "q3": 1.820317,
        "iqr": 0.136167
      },
      "last": {
        "n": 8,
        "median": 0.094393,
        "min": 0.060007,
        "max": 0.117509,
        "q1": 0.078173,
        "q3": 0.1095,
        "iqr": 0.031327
      },
      "first": {
        "n": 8,
        "median": 0.172574,
        "min": 0.113247,
        "max": 0.187358,
        "q1": 0.163032,
        "q3": 0.180412,
        "iqr": 0.01738
      },
      "hiddenMin": 0.060007,
      "hiddenMax": 0.187358
    },
    {
      "preset": "high-lr",
      "check": "lr 30",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.003506,
        "min": 0.000402682,
        "max": 0.026017,
        "q1": 0.002184,
        "q3": 0.006103,
        "iqr": 0.003919
      },
      "last": {
        "n": 8,
        "median": 0.000815377,
        "min": 0.0000397403,
        "max": 0.002872,
        "q1": 0.00061869,
        "q3": 0.001026,
        "iqr": 0.000407213
      },
      "first": {
        "n": 8,
        "median": 0.0000026385,
        "min": 1.56451e-7,
        "max": 0.0000275378,
        "q1": 0.00000154193,
        "q3": 0.00000541886,
        "iqr": 0.00000387693
      },
      "hiddenMin": 1.56451e-7,
      "hiddenMax": 0.002872
    },
    {
      "preset": "high-lr",
      "check": "lr 30",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 1.429385,
        "min": 0.9182,
        "max": 3.553018,
        "q1": 1.178262,
        "q3": 2.23115,
        "iqr": 1.052888
      },
      "last": {
        "n": 8,
        "median": 0.080165,
        "min": 0.022717,
        "max": 0.25937,
        "q1": 0.041782,
        "q3": 0.111679,
        "iqr": 0.069897
      },
      "first": {
        "n": 8,
        "median": 0.109322,
        "min": 0.070127,
        "max": 0.238154,
        "q1": 0.087447,
        "q3": 0.139768,
        "iqr": 0.052321
      },
      "hiddenMin": 0.022717,
      "hiddenMax": 0.25937
    },
    {
      "preset": "bad-init",
      "check": "N(0, 0.01^2)",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.001526,
        "min": 0.001214,
        "max": 0.001866,
        "q1": 0.00147,
        "q3": 0.001795,
        "iqr": 0.000325614
      },
      "last": {
        "n": 8,
        "median": 0.018367,
        "min": 0.0132,
        "max": 0.020202,
        "q1": 0.015235,
        "q3": 0.019706,
        "iqr": 0.004471
      },
      "first": {
        "n": 8,
        "median": 0.0000281235,
        "min": 0.0000208163,
        "max": 0.0000321255,
        "q1": 0.0000246045,
        "q3": 0.0000297147,
        "iqr": 0.00000511017
      },
      "hiddenMin": 0.0000208163,
      "hiddenMax": 0.020202
    },
    {
      "preset": "bad-init",
      "check": "N(0, 0.01^2)",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 1.607882,
        "min": 1.502289,
        "max": 1.875269,
        "q1": 1.515966,
        "q3": 1.663112,
        "iqr": 0.147145
      },
      "last": {
        "n": 8,
        "median": 0.670482,
        "min": 0.625005,
        "max": 0.858474,
        "q1": 0.651798,
        "q3": 0.759847,
        "iqr": 0.108049
      },
      "first": {
        "n": 8,
        "median": 1.110578,
        "min": 1.035075,
        "max": 1.289676,
        "q1": 1.062129,
        "q3": 1.213558,
        "iqr": 0.151429
      },
      "hiddenMin": 0.625005,
      "hiddenMax": 1.289676
    },
    {
      "preset": "bad-init",
      "check": "N(0, 1)",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 1.038636,
        "min": 0.905868,
        "max": 1.353777,
        "q1": 1.004942,
        "q3": 1.064975,
        "iqr": 0.060033
      },
      "last": {
        "n": 8,
        "median": 0.542375,
        "min": 0.426346,
        "max": 0.726385,
        "q1": 0.50269,
        "q3": 0.648892,
        "iqr": 0.146201
      },
      "first": {
        "n": 8,
        "median": 0.632689,
        "min": 0.440955,
        "max": 0.689438,
        "q1": 0.53543,
        "q3": 0.67092,
        "iqr": 0.135491
      },
      "hiddenMin": 0.397818,
      "hiddenMax": 0.726385
    },
    {
      "preset": "bad-init",
      "check": "N(0, 1)",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 1.011516,
        "min": 0.951834,
        "max": 1.046355,
        "q1": 0.978914,
        "q3": 1.03499,
        "iqr": 0.056076
      },
      "last": {
        "n": 8,
        "median": 0.22935,
        "min": 0.209622,
        "max": 0.242441,
        "q1": 0.221932,
        "q3": 0.233654,
        "iqr": 0.011722
      },
      "first": {
        "n": 8,
        "median": 0.229557,
        "min": 0.210895,
        "max": 0.243969,
        "q1": 0.219537,
        "q3": 0.237608,
        "iqr": 0.018071
      },
      "hiddenMin": 0.197263,
      "hiddenMax": 0.243969
    },
    {
      "preset": "placement",
      "check": "relu, he",
      "run": "batch-pre",
      "firstOverLast": {
        "n": 8,
        "median": 3.601974,
        "min": 3.240206,
        "max": 4.322342,
        "q1": 3.543413,
        "q3": 3.816844,
        "iqr": 0.27343
      },
      "last": {
        "n": 8,
        "median": 0.375683,
        "min": 0.282909,
        "max": 0.449774,
        "q1": 0.337863,
        "q3": 0.401376,
        "iqr": 0.063514
      },
      "first": {
        "n": 8,
        "median": 1.372962,
        "min": 1.119104,
        "max": 1.668272,
        "q1": 1.197912,
        "q3": 1.504093,
        "iqr": 0.306181
      },
      "hiddenMin": 0.282909,
      "hiddenMax": 1.668272
    },
    {
      "preset": "placement",
      "check": "relu, he",
      "run": "batch-post",
      "firstOverLast": {
        "n": 8,
        "median": 3.049194,
        "min": 2.697065,
        "max": 3.448405,
        "q1": 2.800782,
        "q3": 3.161859,
        "iqr": 0.361077
      },
      "last": {
        "n": 8,
        "median": 0.521649,
        "min": 0.453304,
        "max": 0.635252,
        "q1": 0.490005,
        "q3": 0.560553,
        "iqr": 0.070547
      },
      "first": {
        "n": 8,
        "median": 1.55277,
        "min": 1.344896,
        "max": 1.962743,
        "q1": 1.502477,
        "q3": 1.73412,
        "iqr": 0.231643
      },
      "hiddenMin": 0.453304,
      "hiddenMax": 1.962743
    },
    {
      "preset": "article",
      "check": "the article's model",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 1,
        "min": 1,
        "max": 1,
        "q1": 1,
        "q3": 1,
        "iqr": 0
      },
      "last": {
        "n": 8,
        "median": 1.087034,
        "min": 0.571901,
        "max": 1.280617,
        "q1": 0.791117,
        "q3": 1.155922,
        "iqr": 0.364805
      },
      "first": {
        "n": 8,
        "median": 1.087034,
        "min": 0.571901,
        "max": 1.280617,
        "q1": 0.791117,
        "q3": 1.155922,
        "iqr": 0.364805
      },
      "hiddenMin": 0.571901,
      "hiddenMax": 1.280617
    },
    {
      "preset": "article",
      "check": "the article's model",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 1,
        "min": 1,
        "max": 1,
        "q1": 1,
        "q3": 1,
        "iqr": 0
      },
      "last": {
        "n": 8,
        "median": 2.387253,
        "min": 1.168414,
        "max": 5.150132,
        "q1": 1.923709,
        "q3": 4.233158,
        "iqr": 2.309449
      },
      "first": {
        "n": 8,
        "median": 2.387253,
        "min": 1.168414,
        "max": 5.150132,
        "q1": 1.923709,
        "q3": 4.233158,
        "iqr": 2.309449
      },
      "hiddenMin": 1.168414,
      "hiddenMax": 5.150132
    },
    {
      "preset": "deep-sigmoid",
      "check": "10 x 100 sigmoid, xavier",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.00000495213,
        "min": 0.00000420078,
        "max": 0.00000779157,
        "q1": 0.00000467572,
        "q3": 0.00000585246,
        "iqr": 0.00000117674
      },
      "last": {
        "n": 8,
        "median": 0.224097,
        "min": 0.162001,
        "max": 0.251191,
        "q1": 0.1787,
        "q3": 0.22983,
        "iqr": 0.05113
      },
      "first": {
        "n": 8,
        "median": 0.00000110778,
        "min": 9.4748e-7,
        "max": 0.00000126224,
        "q1": 0.00000105303,
        "q3": 0.00000113129,
        "iqr": 7.82666e-8
      },
      "hiddenMin": 9.4748e-7,
      "hiddenMax": 0.251191
    },
    {
      "preset": "deep-sigmoid",
      "check": "10 x 100 sigmoid, xavier",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 3.188899,
        "min": 2.729669,
        "max": 3.557105,
        "q1": 2.968406,
        "q3": 3.380157,
        "iqr": 0.411751
      },
      "last": {
        "n": 8,
        "median": 0.282302,
        "min": 0.255094,
        "max": 0.364369,
        "q1": 0.267772,
        "q3": 0.306844,
        "iqr": 0.039072
      },
      "first": {
        "n": 8,
        "median": 0.880438,
        "min": 0.814233,
        "max": 1.02515,
        "q1": 0.867625,
        "q3": 1.00146,
        "iqr": 0.133835
      },
      "hiddenMin": 0.255094,
      "hiddenMax": 1.02515
    },
    {
      "preset": "cnn",
      "check": "batch 60, 250 steps",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.378538,
        "min": 0.150103,
        "max": 0.517302,
        "q1": 0.227953,
        "q3": 0.428084,
        "iqr": 0.200131
      },
      "last": {
        "n": 8,
        "median": 0.406453,
        "min": 0.313787,
        "max": 0.955394,
        "q1": 0.347833,
        "q3": 0.566915,
        "iqr": 0.219082
      },
      "first": {
        "n": 8,
        "median": 0.149047,
        "min": 0.063696,
        "max": 0.20627,
        "q1": 0.142982,
        "q3": 0.179374,
        "iqr": 0.036392
      },
      "hiddenMin": 0.063696,
      "hiddenMax": 0.955394
    },
    {
      "preset": "cnn",
      "check": "batch 60, 250 steps",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 0.625955,
        "min": 0.355626,
        "max": 0.958229,
        "q1": 0.503922,
        "q3": 0.782781,
        "iqr": 0.278859
      },
      "last": {
        "n": 8,
        "median": 0.421862,
        "min": 0.241193,
        "max": 0.779418,
        "q1": 0.392152,
        "q3": 0.494449,
        "iqr": 0.102297
      },
      "first": {
        "n": 8,
        "median": 0.249836,
        "min": 0.182688,
        "max": 0.676732,
        "q1": 0.226697,
        "q3": 0.276311,
        "iqr": 0.049613
      },
      "hiddenMin": 0.182688,
      "hiddenMax": 0.779418
    },
    {
      "preset": "cnn",
      "check": "batch 60, 250 steps",
      "run": "group",
      "firstOverLast": {
        "n": 8,
        "median": 0.586673,
        "min": 0.374887,
        "max": 0.869263,
        "q1": 0.484842,
        "q3": 0.632556,
        "iqr": 0.147714
      },
      "last": {
        "n": 8,
        "median": 0.631526,
        "min": 0.327205,
        "max": 0.868709,
        "q1": 0.549031,
        "q3": 0.699017,
        "iqr": 0.149986
      },
      "first": {
        "n": 8,
        "median": 0.332318,
        "min": 0.214096,
        "max": 0.561548,
        "q1": 0.265391,
        "q3": 0.421675,
        "iqr": 0.156284
      },
      "hiddenMin": 0.214096,
      "hiddenMax": 0.868709
    },
    {
      "preset": "cnn",
      "check": "batch 60, 500 steps",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.378538,
        "min": 0.150103,
        "max": 0.517302,
        "q1": 0.227953,
        "q3": 0.428084,
        "iqr": 0.200131
      },
      "last": {
        "n": 8,
        "median": 0.406453,
        "min": 0.313787,
        "max": 0.955394,
        "q1": 0.347833,
        "q3": 0.566915,
        "iqr": 0.219082
      },
      "first": {
        "n": 8,
        "median": 0.149047,
        "min": 0.063696,
        "max": 0.20627,
        "q1": 0.142982,
        "q3": 0.179374,
        "iqr": 0.036392
      },
      "hiddenMin": 0.063696,
      "hiddenMax": 0.955394
    },
    {
      "preset": "cnn",
      "check": "batch 60, 500 steps",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 0.625955,
        "min": 0.355626,
        "max": 0.958229,
        "q1": 0.503922,
        "q3": 0.782781,
        "iqr": 0.278859
      },
      "last": {
        "n": 8,
        "median": 0.421862,
        "min": 0.241193,
        "max": 0.779418,
        "q1": 0.392152,
        "q3": 0.494449,
        "iqr": 0.102297
      },
      "first": {
        "n": 8,
        "median": 0.249836,
        "min": 0.182688,
        "max": 0.676732,
        "q1": 0.226697,
        "q3": 0.276311,
        "iqr": 0.049613
      },
      "hiddenMin": 0.182688,
      "hiddenMax": 0.779418
    },
    {
      "preset": "cnn",
      "check": "batch 60, 500 steps",
      "run": "group",
      "firstOverLast": {
        "n": 8,
        "median": 0.586673,
        "min": 0.374887,
        "max": 0.869263,
        "q1": 0.484842,
        "q3": 0.632556,
        "iqr": 0.147714
      },
      "last": {
        "n": 8,
        "median": 0.631526,
        "min": 0.327205,
        "max": 0.868709,
        "q1": 0.549031,
        "q3": 0.699017,
        "iqr": 0.149986
      },
      "first": {
        "n": 8,
        "median": 0.332318,
        "min": 0.214096,
        "max": 0.561548,
        "q1": 0.265391,
        "q3": 0.421675,
        "iqr": 0.156284
      },
      "hiddenMin": 0.214096,
      "hiddenMax": 0.868709
    },
    {
      "preset": "cnn",
      "check": "batch 60, 1,000 steps",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.378538,
        "min": 0.150103,
        "max": 0.517302,
        "q1": 0.227953,
        "q3": 0.428084,
        "iqr": 0.200131
      },
      "last": {
        "n": 8,
        "median": 0.406453,
        "min": 0.313787,
        "max": 0.955394,
        "q1": 0.347833,
        "q3": 0.566915,
        "iqr": 0.219082
      },
      "first": {
        "n": 8,
        "median": 0.149047,
        "min": 0.063696,
        "max": 0.20627,
        "q1": 0.142982,
        "q3": 0.179374,
        "iqr": 0.036392
      },
      "hiddenMin": 0.063696,
      "hiddenMax": 0.955394
    },
    {
      "preset": "cnn",
      "check": "batch 60, 1,000 steps",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 0.625955,
        "min": 0.355626,
        "max": 0.958229,
        "q1": 0.503922,
        "q3": 0.782781,
        "iqr": 0.278859
      },
      "last": {
        "n": 8,
        "median": 0.421862,
        "min": 0.241193,
        "max": 0.779418,
        "q1": 0.392152,
        "q3": 0.494449,
        "iqr": 0.102297
      },
      "first": {
        "n": 8,
        "median": 0.249836,
        "min": 0.182688,
        "max": 0.676732,
        "q1": 0.226697,
        "q3": 0.276311,
        "iqr": 0.049613
      },
      "hiddenMin": 0.182688,
      "hiddenMax": 0.779418
    },
    {
      "preset": "cnn",
      "check": "batch 60, 1,000 steps",
      "run": "group",
      "firstOverLast": {
        "n": 8,
        "median": 0.586673,
        "min": 0.374887,
        "max": 0.869263,
        "q1": 0.484842,
        "q3": 0.632556,
        "iqr": 0.147714
      },
      "last": {
        "n": 8,
        "median": 0.631526,
        "min": 0.327205,
        "max": 0.868709,
        "q1": 0.549031,
        "q3": 0.699017,
        "iqr": 0.149986
      },
      "first": {
        "n": 8,
        "median": 0.332318,
        "min": 0.214096,
        "max": 0.561548,
        "q1": 0.265391,
        "q3": 0.421675,
        "iqr": 0.156284
      },
      "hiddenMin": 0.214096,
      "hiddenMax": 0.868709
    },
    {
      "preset": "cnn",
      "check": "batch 60, 3,000 steps",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.378538,
        "min": 0.150103,
        "max": 0.517302,
        "q1": 0.227953,
        "q3": 0.428084,
        "iqr": 0.200131
      },
      "last": {
        "n": 8,
        "median": 0.406453,
        "min": 0.313787,
        "max": 0.955394,
        "q1": 0.347833,
        "q3": 0.566915,
        "iqr": 0.219082
      },
      "first": {
        "n": 8,
        "median": 0.149047,
        "min": 0.063696,
        "max": 0.20627,
        "q1": 0.142982,
        "q3": 0.179374,
        "iqr": 0.036392
      },
      "hiddenMin": 0.063696,
      "hiddenMax": 0.955394
    },
    {
      "preset": "cnn",
      "check": "batch 60, 3,000 steps",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 0.625955,
        "min": 0.355626,
        "max": 0.958229,
        "q1": 0.503922,
        "q3": 0.782781,
        "iqr": 0.278859
      },
      "last": {
        "n": 8,
        "median": 0.421862,
        "min": 0.241193,
        "max": 0.779418,
        "q1": 0.392152,
        "q3": 0.494449,
        "iqr": 0.102297
      },
      "first": {
        "n": 8,
        "median": 0.249836,
        "min": 0.182688,
        "max": 0.676732,
        "q1": 0.226697,
        "q3": 0.276311,
        "iqr": 0.049613
      },
      "hiddenMin": 0.182688,
      "hiddenMax": 0.779418
    },
    {
      "preset": "cnn",
      "check": "batch 60, 3,000 steps",
      "run": "group",
      "firstOverLast": {
        "n": 8,
        "median": 0.586673,
        "min": 0.374887,
        "max": 0.869263,
        "q1": 0.484842,
        "q3": 0.632556,
        "iqr": 0.147714
      },
      "last": {
        "n": 8,
        "median": 0.631526,
        "min": 0.327205,
        "max": 0.868709,
        "q1": 0.549031,
        "q3": 0.699017,
        "iqr": 0.149986
      },
      "first": {
        "n": 8,
        "median": 0.332318,
        "min": 0.214096,
        "max": 0.561548,
        "q1": 0.265391,
        "q3": 0.421675,
        "iqr": 0.156284
      },
      "hiddenMin": 0.214096,
      "hiddenMax": 0.868709
    },
    {
      "preset": "cnn-small-batch",
      "check": "batch 4, 3,000 steps",
      "run": "plain",
      "firstOverLast": {
        "n": 8,
        "median": 0.520945,
        "min": 0.228753,
        "max": 0.689745,
        "q1": 0.38512,
        "q3": 0.674878,
        "iqr": 0.289759
      },
      "last": {
        "n": 8,
        "median": 1.528957,
        "min": 0.888006,
        "max": 2.03408,
        "q1": 1.215523,
        "q3": 1.779971,
        "iqr": 0.564448
      },
      "first": {
        "n": 8,
        "median": 0.651807,
        "min": 0.406311,
        "max": 1.028731,
        "q1": 0.589404,
        "q3": 0.882783,
        "iqr": 0.29338
      },
      "hiddenMin": 0.406311,
      "hiddenMax": 2.03408
    },
    {
      "preset": "cnn-small-batch",
      "check": "batch 4, 3,000 steps",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 0.560237,
        "min": 0.345611,
        "max": 0.721061,
        "q1": 0.544965,
        "q3": 0.603112,
        "iqr": 0.058147
      },
      "last": {
        "n": 8,
        "median": 1.348427,
        "min": 0.654659,
        "max": 2.076437,
        "q1": 0.887541,
        "q3": 1.658955,
        "iqr": 0.771414
      },
      "first": {
        "n": 8,
        "median": 0.653163,
        "min": 0.400777,
        "max": 1.259738,
        "q1": 0.541996,
        "q3": 0.807256,
        "iqr": 0.26526
      },
      "hiddenMin": 0.400777,
      "hiddenMax": 2.076437
    },
    {
      "preset": "cnn-small-batch",
      "check": "batch 4, 3,000 steps",
      "run": "group",
      "firstOverLast": {
        "n": 8,
        "median": 0.540828,
        "min": 0.248638,
        "max": 0.666051,
        "q1": 0.403432,
        "q3": 0.596197,
        "iqr": 0.192765
      },
      "last": {
        "n": 8,
        "median": 1.037902,
        "min": 0.004065,
        "max": 3.970253,
        "q1": 0.858768,
        "q3": 1.178119,
        "iqr": 0.319351
      },
      "first": {
        "n": 8,
        "median": 0.500971,
        "min": 0.002059,
        "max": 2.644391,
        "q1": 0.38061,
        "q3": 0.631025,
        "iqr": 0.250414
      },
      "hiddenMin": 0.002059,
      "hiddenMax": 3.970253
    },
    {
      "preset": "cnn-small-batch",
      "check": "batch 2, 3,000 steps",
      "run": "batch",
      "firstOverLast": {
        "n": 8,
        "median": 0.459116,
        "min": 0.265894,
        "max": 1.177554,
        "q1": 0.413708,
        "q3": 0.835179,
        "iqr": 0.421471
      },
      "last": {
        "n": 8,
        "median": 1.712766,
        "min": 0.235876,
        "max": 3.027605,
        "q1": 1.179288,
        "q3": 2.453031,
        "iqr": 1.273744
      },
      "first": {
        "n": 8,
        "median": 1.037871,
        "min": 0.10935,
        "max": 2.115041,
        "q1": 0.496804,
        "q3": 1.593086,
        "iqr": 1.096282
      },
      "hiddenMin": 0.10935,
      "hiddenMax": 3.027605
    },
    {
      "preset": "cnn-small-batch",
      "check": "batch 2, 3,000 steps",
      "run": "group",
      "firstOverLast": {
        "n": 8,
        "median": 0.398131,
        "min": 0.097166,
        "max": 0.617783,
        "q1": 0.28815,
        "q3": 0.493412,
        "iqr": 0.205262
      },
      "last": {
        "n": 8,
        "median": 0.775351,
        "min": 0.043235,
        "max": 1.766569,
        "q1": 0.392088,
        "q3": 1.295418,
        "iqr": 0.903329
      },
      "first": {
        "n": 8,
        "median": 0.319974,
        "min": 0.010471,
        "max": 0.808825,
        "q1": 0.200025,
        "q3": 0.528335,
        "iqr": 0.32831
      },
      "hiddenMin": 0.010471,
      "hiddenMax": 1.766569
    }
  ],
  "sweep": {
    "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
    "cells": [
      {
        "norm": "none",
        "batch": 2,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9583,
          "min": 0.9453,
          "max": 0.9599,
          "q1": 0.9577,
          "q3": 0.958575,
          "iqr": 0.000875
        },
        "batchStats": null
      },
      {
        "norm": "batch",
        "batch": 2,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.67255,
          "min": 0.6403,
          "max": 0.7053,
          "q1": 0.66275,
          "q3": 0.68535,
          "iqr": 0.0226
        },
        "batchStats": {
          "n": 8,
          "median": 0.4237,
          "min": 0.4071,
          "max": 0.4426,
          "q1": 0.416425,
          "q3": 0.430475,
          "iqr": 0.01405
        }
      },
      {
        "norm": "layer",
        "batch": 2,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9599,
          "min": 0.9574,
          "max": 0.9612,
          "q1": 0.959375,
          "q3": 0.960175,
          "iqr": 0.0008
        },
        "batchStats": null
      },
      {
        "norm": "none",
        "batch": 4,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.95805,
          "min": 0.9439,
          "max": 0.9602,
          "q1": 0.957675,
          "q3": 0.95895,
          "iqr": 0.001275
        },
        "batchStats": null
      },
      {
        "norm": "batch",
        "batch": 4,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.93715,
          "min": 0.932,
          "max": 0.9414,
          "q1": 0.935875,
          "q3": 0.93865,
          "iqr": 0.002775
        },
        "batchStats": {
          "n": 8,
          "median": 0.86755,
          "min": 0.8641,
          "max": 0.8778,
          "q1": 0.86515,
          "q3": 0.8695,
          "iqr": 0.00435
        }
      },
      {
        "norm": "layer",
        "batch": 4,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9587,
          "min": 0.9554,
          "max": 0.9633,
          "q1": 0.957775,
          "q3": 0.9613,
          "iqr": 0.003525
        },
        "batchStats": null
      },
      {
        "norm": "none",
        "batch": 8,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.95805,
          "min": 0.9377,
          "max": 0.9597,
          "q1": 0.957075,
          "q3": 0.95895,
          "iqr": 0.001875
        },
        "batchStats": null
      },
      {
        "norm": "batch",
        "batch": 8,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.95855,
          "min": 0.9569,
          "max": 0.9642,
          "q1": 0.9572,
          "q3": 0.9633,
          "iqr": 0.0061
        },
        "batchStats": {
          "n": 8,
          "median": 0.9346,
          "min": 0.9294,
          "max": 0.9383,
          "q1": 0.932925,
          "q3": 0.936525,
          "iqr": 0.0036
        }
      },
      {
        "norm": "layer",
        "batch": 8,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9592,
          "min": 0.9314,
          "max": 0.9643,
          "q1": 0.9524,
          "q3": 0.961325,
          "iqr": 0.008925
        },
        "batchStats": null
      },
      {
        "norm": "none",
        "batch": 16,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9583,
          "min": 0.9407,
          "max": 0.9603,
          "q1": 0.95715,
          "q3": 0.95895,
          "iqr": 0.0018
        },
        "batchStats": null
      },
      {
        "norm": "batch",
        "batch": 16,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.965,
          "min": 0.9628,
          "max": 0.9679,
          "q1": 0.96315,
          "q3": 0.965225,
          "iqr": 0.002075
        },
        "batchStats": {
          "n": 8,
          "median": 0.95085,
          "min": 0.9479,
          "max": 0.9547,
          "q1": 0.94945,
          "q3": 0.9519,
          "iqr": 0.00245
        }
      },
      {
        "norm": "layer",
        "batch": 16,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.95785,
          "min": 0.9414,
          "max": 0.9629,
          "q1": 0.9511,
          "q3": 0.959925,
          "iqr": 0.008825
        },
        "batchStats": null
      },
      {
        "norm": "none",
        "batch": 32,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9586,
          "min": 0.9429,
          "max": 0.9604,
          "q1": 0.955775,
          "q3": 0.959225,
          "iqr": 0.00345
        },
        "batchStats": null
      },
      {
        "norm": "batch",
        "batch": 32,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9664,
          "min": 0.9609,
          "max": 0.9684,
          "q1": 0.96555,
          "q3": 0.9671,
          "iqr": 0.00155
        },
        "batchStats": {
          "n": 8,
          "median": 0.95635,
          "min": 0.9499,
          "max": 0.9599,
          "q1": 0.9549,
          "q3": 0.9578,
          "iqr": 0.0029
        }
      },
      {
        "norm": "layer",
        "batch": 32,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.95465,
          "min": 0.9499,
          "max": 0.9581,
          "q1": 0.952675,
          "q3": 0.95725,
          "iqr": 0.004575
        },
        "batchStats": null
      },
      {
        "norm": "none",
        "batch": 64,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9558,
          "min": 0.9495,
          "max": 0.9591,
          "q1": 0.953675,
          "q3": 0.958225,
          "iqr": 0.00455
        },
        "batchStats": null
      },
      {
        "norm": "batch",
        "batch": 64,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9633,
          "min": 0.9554,
          "max": 0.968,
          "q1": 0.960075,
          "q3": 0.96695,
          "iqr": 0.006875
        },
        "batchStats": {
          "n": 8,
          "median": 0.9608,
          "min": 0.9534,
          "max": 0.9643,
          "q1": 0.95735,
          "q3": 0.962775,
          "iqr": 0.005425
        }
      },
      {
        "norm": "layer",
        "batch": 64,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.95195,
          "min": 0.9339,
          "max": 0.9565,
          "q1": 0.944625,
          "q3": 0.95405,
          "iqr": 0.009425
        },
        "batchStats": null
      },
      {
        "norm": "none",
        "batch": 128,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9385,
          "min": 0.9306,
          "max": 0.9406,
          "q1": 0.9364,
          "q3": 0.939375,
          "iqr": 0.002975
        },
        "batchStats": null
      },
      {
        "norm": "batch",
        "batch": 128,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.9598,
          "min": 0.9548,
          "max": 0.9632,
          "q1": 0.957175,
          "q3": 0.960775,
          "iqr": 0.0036
        },
        "batchStats": {
          "n": 8,
          "median": 0.95895,
          "min": 0.9573,
          "max": 0.9624,
          "q1": 0.958175,
          "q3": 0.96045,
          "iqr": 0.002275
        }
      },
      {
        "norm": "layer",
        "batch": 128,
        "seeds": [1, 2, 3, 4, 5, 6, 7, 8],
        "acc": {
          "n": 8,
          "median": 0.94525,
          "min": 0.9363,
          "max": 0.9494,
          "q1": 0.942525,
          "q3": 0.94735,
          "iqr": 0.004825
        },
        "batchStats": null
      }
    ],
    "best": [
      {
        "batch": 2,
        "n": 8,
        "wins": {
          "layer": 7,
          "none": 1
        }
      },
      {
        "batch": 4,
        "n": 8,
        "wins": {
          "layer": 7,
          "none": 1
        }
      },
      {
        "batch": 8,
        "n": 8,
        "wins": {
          "layer": 3,
          "none": 2,
          "batch": 3
        }
      },
      {
        "batch": 16,
        "n": 8,
        "wins": {
          "batch": 8
        }
      },
      {
        "batch": 32,
        "n": 8,
        "wins": {
          "batch": 8
        }
      },
      {
        "batch": 64,
        "n": 8,
        "wins": {
          "batch": 7,
          "none": 1
        }
      },
      {
        "batch": 128,
        "n": 8,
        "wins": {
          "batch": 8
        }
      }
    ]
  }
};
